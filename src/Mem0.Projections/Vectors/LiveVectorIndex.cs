using Mem0.Projections.Vectors.Embedded;
using Mem0.Settings;

namespace Mem0.Projections.Vectors;

/// <summary>
/// The index that searches and writes use: always the store's live one, so a rebuild's swap takes effect for
/// every caller at once without any of them holding a stale reference. With an embedded index, a search first
/// waits for the process's own feed (<see cref="LocalIndexFeed"/>) so it sees every write committed before it.
/// </summary>
public sealed class LiveVectorIndex(IVectorStore store, VectorIndexOptions settings, LocalIndexFeed? feed = null) : IVectorIndex
{
    public string Name => store.Live.Name;
    public Task<long> CountAsync(CancellationToken ct) => store.Live.CountAsync(ct);
    public Task UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken ct) => store.Live.UpsertAsync(points, ct);
    public Task RemoveAsync(IReadOnlyList<VectorRemoval> removals, CancellationToken ct) => store.Live.RemoveAsync(removals, ct);

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(float[] query, VectorFilter filter, int limit, Recency? recency, CancellationToken ct)
    {
        if (feed is not null) await feed.SyncAsync(settings.IndexWait, ct);
        return await store.Live.SearchAsync(query, filter, limit, recency, ct);
    }
}
