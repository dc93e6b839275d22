using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// One Qdrant collection (addressed by its alias when live). Points are keyed by memory id and carry the stream
/// version; an upsert only overwrites a point holding an older version, so replays are idempotent. Filters run
/// inside Qdrant's search. The recency boost re-ranks a pool of the most similar hits (4× the limit, at least 50),
/// which is where a boost of at most the weight can reorder results. Reads wait at most <paramref name="readTimeout"/>;
/// a Qdrant that is down, refusing or too slow is a <see cref="VectorStoreUnavailableException"/> (<see cref="QdrantCalls"/>).
/// </summary>
public sealed class QdrantVectorIndex(QdrantClient client, string collection, TimeSpan readTimeout) : IVectorIndex
{
    private const int RecencyPoolFactor = 4;
    private const int RecencyPoolMinimum = 50;
    private const int UpsertBatch = 256;

    public string Collection => collection;
    public string Name => $"qdrant:{collection}";

    public async Task<long> CountAsync(CancellationToken ct) =>
        (long)await QdrantCalls.GuardAsync(t => client.CountAsync(collection, exact: true, cancellationToken: t), readTimeout, ct);

    public async Task UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken ct)
    {
        if (points.Count == 0) return;
        // Grouped by version so each request can carry the "only if older" condition for its points, and cut into
        // requests of at most 256 points: a rebuild's 2,000 vectors of 1,536 floats would pass gRPC's 4 MB default.
        foreach (var group in points.GroupBy(p => p.Version).SelectMany(g => g.Chunk(UpsertBatch).Select(c => (Version: g.Key, Points: c))))
        {
            var structs = group.Points.Select(p => new PointStruct
            {
                Id = p.Id,
                Vectors = p.Vector,
                Payload = { QdrantPayload.From(p.Version, p.Fields) },
            }).ToList();
            var olderOnly = new Filter { Must = { Range(QdrantPayload.Version, new global::Qdrant.Client.Grpc.Range { Lt = group.Version }) } };
            await QdrantCalls.GuardAsync(t => client.UpsertAsync(collection, structs, olderOnly, wait: true, cancellationToken: t), null, ct);
        }
    }

    public async Task RemoveAsync(IReadOnlyList<VectorRemoval> removals, CancellationToken ct)
    {
        if (removals.Count == 0) return;
        var ids = removals.Select(r => r.Id).ToList();
        await QdrantCalls.GuardAsync(t => client.DeleteAsync(collection, ids, wait: true, cancellationToken: t), null, ct);
    }

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(float[] query, VectorFilter filter, int limit, Recency? recency, CancellationToken ct)
    {
        var pool = recency is null ? limit : Math.Max(limit * RecencyPoolFactor, RecencyPoolMinimum);
        var points = await QdrantCalls.GuardAsync(t => client.QueryAsync(collection, query: query, filter: QdrantFilters.From(filter), limit: (ulong)pool,
            payloadSelector: new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { QdrantPayload.UpdatedAt } } },
            cancellationToken: t), readTimeout, ct);
        var hits = points.Select(p =>
        {
            var id = Guid.Parse(p.Id.Uuid);
            if (recency is null) return new VectorHit(id, p.Score, p.Score);
            var updated = p.Payload.TryGetValue(QdrantPayload.UpdatedAt, out var v) && DateTimeOffset.TryParse(v.StringValue, out var at)
                ? at : recency.Now;
            return new VectorHit(id, p.Score, recency.Rank(p.Score, updated));
        });
        return recency is null ? hits.ToList() : hits.OrderByDescending(h => h.Rank).Take(limit).ToList();
    }
}
