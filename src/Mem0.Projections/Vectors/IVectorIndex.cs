namespace Mem0.Projections.Vectors;

/// <summary>
/// The semantic index: a projection of the memory streams. Writes are idempotent by stream version, so replaying
/// an event twice or out of order never moves a memory backwards or brings a deleted one back.
/// </summary>
public interface IVectorIndex
{
    string Name { get; }
    int Count { get; }
    void Upsert(VectorPoint point);
    void Replace(Guid id, long version, float[] vector, DateTimeOffset updatedAt);
    void Remove(Guid id, long version);
    bool Contains(Guid id);
    IReadOnlyList<VectorHit> Search(float[] query, VectorFilter filter, int limit, Recency? recency = null);
}
