using JasperFx.Events;
using Marten;
using Mem0.Contracts.Events;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Brings an index up to date with a batch of memory events. Events say which memories changed; what goes into
/// the index is each memory's current state from its view (or its removal when the view is gone), stamped with
/// the view's stream version. Applying a batch twice, or an older batch after a newer one, therefore leaves the
/// same index: the at-least-once delivery of the subscription and the write path's fast indexing can overlap.
/// </summary>
public sealed class VectorIndexUpdater(IEmbedder embedder)
{
    public async Task<int> ApplyAsync(IQuerySession session, IReadOnlyList<IEvent> events, IVectorIndex index, CancellationToken ct)
    {
        var lastVersion = new Dictionary<Guid, long>();
        foreach (var e in events)
        {
            if (e.Data is not (MemoryAdded or MemoryUpdated or MemoryDeleted or MemoryRestored or MemoryReviewed)) continue;
            lastVersion[e.StreamId] = Math.Max(e.Version, lastVersion.GetValueOrDefault(e.StreamId));
        }
        if (lastVersion.Count == 0) return 0;

        var views = (await session.LoadManyAsync<MemoryView>(ct, lastVersion.Keys)).ToDictionary(v => v.Id);
        var removals = lastVersion.Where(p => !views.ContainsKey(p.Key)).Select(p => new VectorRemoval(p.Key, p.Value)).ToList();
        if (removals.Count > 0) await index.RemoveAsync(removals, ct);
        if (views.Count > 0) await index.UpsertAsync(await PointsAsync(views.Values.ToList(), ct), ct);
        return lastVersion.Count;
    }

    /// <summary>The index points of these memories, with vectors from the embedding cache (one batch).</summary>
    public async Task<IReadOnlyList<VectorPoint>> PointsAsync(IReadOnlyList<MemoryView> views, CancellationToken ct)
    {
        var texts = views.Select(v => v.Text).Distinct().ToList();
        var vectors = await embedder.EmbedStoredTextsAsync(texts, ct);
        var byText = texts.Zip(vectors).ToDictionary(p => p.First, p => p.Second);
        return views.Select(v => new VectorPoint(v.Id, v.Version, byText[v.Text], PointFields.From(v))).ToList();
    }
}
