namespace Mem0.Projections.Vectors;

/// <summary>
/// The semantic index: a projection of the memory streams. Writes are idempotent by stream version, so replaying
/// an event twice never moves a memory backwards or brings a deleted one back.
/// </summary>
public interface IVectorIndex
{
    /// <summary>What the index is and where it lives, for logs and /healthz (never a secret).</summary>
    string Name { get; }

    Task<long> CountAsync(CancellationToken ct);
    Task UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken ct);
    Task RemoveAsync(IReadOnlyList<VectorRemoval> removals, CancellationToken ct);
    Task<IReadOnlyList<VectorHit>> SearchAsync(float[] query, VectorFilter filter, int limit, Recency? recency, CancellationToken ct);
}

/// <summary>A memory deleted at a stream version: the index forgets it unless it already holds a later version.</summary>
public sealed record VectorRemoval(Guid Id, long Version);
