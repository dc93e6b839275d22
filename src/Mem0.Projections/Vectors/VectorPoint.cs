using Mem0.Projections.Memories;

namespace Mem0.Projections.Vectors;

/// <summary>
/// The fields of a memory that searches filter and rank on, kept beside its vector in the index. `UpdatedAt` is what
/// recency decays from: the event time of the memory's latest change (<see cref="MemoryView.RecencyAt"/>).
/// </summary>
public sealed record PointFields(
    string UserId, string? AgentId, string? RunId, string? Source, string? Confidence, string? ReviewStatus,
    DateTimeOffset? ExpiresAt, DateTimeOffset UpdatedAt)
{
    public static PointFields From(MemoryView v) =>
        new(v.UserId, v.AgentId, v.RunId, v.Source, v.Confidence, v.ReviewStatus, v.ExpiresAt, v.RecencyAt);
}

/// <summary>One memory in the vector index and the stream version it reflects.</summary>
public sealed record VectorPoint(Guid Id, long Version, float[] Vector, PointFields Fields);
