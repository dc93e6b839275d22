using System.Numerics.Tensors;
using Mem0.Contracts.Model;
using Marten;
using Mem0.Projections.Store;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Ranking;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Vectors;

namespace Mem0.Api.Memories.Search;

/// <summary>
/// Search `as_of` a past time: the live search, over a pool larger by the number of memories changed since, with
/// those left out, plus the changed ones as they read then, scored here (their vectors come from the embedding cache,
/// their text was embedded when it was written). A memory unchanged since reads then as now, so the answer is the
/// store's as it was, at the cost of a live search and one read of the changed memories' timelines. Recency is
/// measured from the `as_of` time. Keyword: the unchanged matches in their relevance order, then the changed ones
/// that matched then, newest first. Hybrid fuses the two lists by reciprocal rank.
/// </summary>
public sealed class PastSearch(IEmbedder embedder, IVectorIndex index, IQuerySession session, TermRanking terms)
{
    private const int RrfK = 60;

    public async Task<IReadOnlyList<MemoryResponse>> SearchAsync(SearchMemoriesRequest r, VectorFilter filter, int limit, DateTimeOffset asOf,
        StageTimings timings, CancellationToken ct)
    {
        var then = await AsOfCorrection.ReadAsync(session, filter, asOf, ct);
        timings.Lap("as_of");
        switch (r.Mode ?? SearchMemoriesRequest.Semantic)
        {
            case SearchMemoriesRequest.Keyword:
                return (await KeywordAsync(r.Query!, filter, limit, then, ct)).Select(MemoryResponse.From).ToList();
            case SearchMemoriesRequest.Hybrid:
                var hybrid = await HybridAsync(r.Query!, filter, limit, then, ct);
                timings.Lap("fuse");
                return hybrid;
            default:
                var recency = r.RecencyWeight is > 0
                    ? new Recency(r.RecencyWeight.Value, r.RecencyHalfLifeDays ?? SearchMemoriesHandler.DefaultHalfLifeDays, asOf)
                    : null;
                var hits = await SemanticAsync(r.Query!, filter, limit, recency, then, ct);
                timings.Lap("score");
                return hits.Select(h => MemoryResponse.From(h.View) with { Score = h.Score, RerankScore = recency is null ? null : h.Rank }).ToList();
        }
    }

    /// <summary>Both lists over pools larger than the limit, fused by reciprocal rank.</summary>
    private async Task<IReadOnlyList<MemoryResponse>> HybridAsync(string query, VectorFilter filter, int limit, AsOfCorrection then, CancellationToken ct)
    {
        var pool = Math.Max(limit * 5, 50);
        var semantic = (await SemanticAsync(query, filter, pool, null, then, ct)).Select(s => s.View).ToList();
        var lexical = await KeywordAsync(query, filter, pool, then, ct);
        var fused = new Dictionary<Guid, (MemoryView View, double Score)>();
        foreach (var list in new[] { semantic, lexical })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var v = list[i];
                fused[v.Id] = (v, fused.GetValueOrDefault(v.Id).Score + 1.0 / (RrfK + i + 1));
            }
        }
        return fused.Values.OrderByDescending(f => f.Score).Take(limit).Select(f => MemoryResponse.From(f.View) with { Score = (float)f.Score }).ToList();
    }

    private async Task<List<(MemoryView View, float Score, float Rank)>> SemanticAsync(string query, VectorFilter filter, int limit, Recency? recency,
        AsOfCorrection then, CancellationToken ct)
    {
        var vector = await embedder.EmbedQueryAsync(query, ct);
        var hits = (await index.SearchAsync(vector, filter, limit + then.ChangedSince.Count, recency, ct))
            .Where(h => !then.ChangedSince.Contains(h.Id)).ToList();
        var views = await session.LoadByIdAsync<MemoryView>(hits.Select(h => h.Id), v => v.Id, ct);
        var scored = hits.Where(h => views.ContainsKey(h.Id)).Select(h => (views[h.Id], h.Score, h.Rank)).ToList();
        if (then.Then.Count > 0)
        {
            var texts = then.Then.Select(v => v.Text).Distinct().ToList();
            var vectors = await embedder.EmbedStoredTextsAsync(texts, ct);
            var byText = texts.Zip(vectors).ToDictionary(p => p.First, p => p.Second);
            foreach (var v in then.Then)
            {
                var score = TensorPrimitives.Dot(vector, byText[v.Text]);
                scored.Add((v, score, recency?.Rank(score, v.RecencyAt) ?? score));
            }
        }
        return scored.OrderByDescending(s => s.Item3).Take(limit).ToList();
    }

    private async Task<List<MemoryView>> KeywordAsync(string query, VectorFilter filter, int limit, AsOfCorrection then, CancellationToken ct)
    {
        var stats = await terms.StatisticsAsync(query, filter, ct);
        var unchanged = (await session.ContainingAsync(query, stats, filter, limit + then.ChangedSince.Count, ct))
            .Where(v => !then.ChangedSince.Contains(v.Id));
        var changed = then.Then.Where(v => v.Text.Contains(query, StringComparison.OrdinalIgnoreCase)).OrderByDescending(v => v.UpdatedAt);
        return unchanged.Concat(changed).Take(limit).ToList();
    }
}
