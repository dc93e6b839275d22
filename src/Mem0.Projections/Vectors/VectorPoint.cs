namespace Mem0.Projections.Vectors;

/// <summary>One memory in the vector index, with the fields searches filter on and the stream version it reflects.</summary>
public sealed record VectorPoint(Guid Id, long Version, float[] Vector, string UserId, string? AgentId, string? RunId);
