using Marten;
using Mem0.Projections.Configuration;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Vectors;

namespace Mem0.Api.Memories.Search;

/// <summary>
/// Search in three modes, every filter applied before the cut. Semantic: the query is embedded here and the
/// vector index ranks by similarity, blended with recency when asked. Keyword: case-insensitive substring in SQL,
/// most recent first. Hybrid: the semantic list and the memories holding the query's names and identifiers
/// (words with a digit or a capital), fused by reciprocal rank, so an exact identifier ranks beside paraphrases.
/// </summary>
public sealed class SearchMemoriesHandler(IEmbedder embedder, IVectorIndex index, IQuerySession session, Mem0Settings settings, TimeProvider clock)
{
    private const double DefaultHalfLifeDays = 30;
    private const int RrfK = 60;

    /// <summary>The stages of the last search, for the `Server-Timing` header of the REST answer.</summary>
    public SearchTimings Timings { get; } = new();

    public async Task<IReadOnlyList<MemoryResponse>> SearchAsync(SearchMemoriesRequest r, CancellationToken ct)
    {
        Timings.Start();
        var now = clock.GetUtcNow();
        var filter = new VectorFilter(r.UserId ?? settings.DefaultUserId!, r.AgentId, r.RunId, r.Source, r.Confidence, r.ReviewStatus,
            r.ExcludeExpired == true ? now : null);
        var limit = r.Limit ?? Validation.Limits.DefaultSearchLimit;
        return (r.Mode ?? SearchMemoriesRequest.Semantic) switch
        {
            SearchMemoriesRequest.Keyword => await KeywordAsync(r.Query!, filter, limit, ct),
            SearchMemoriesRequest.Hybrid => await HybridAsync(r.Query!, filter, limit, ct),
            _ => await SemanticAsync(r, filter, limit, now, ct),
        };
    }

    private async Task<IReadOnlyList<MemoryResponse>> SemanticAsync(SearchMemoriesRequest r, VectorFilter filter, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var recency = r.RecencyWeight is > 0 ? new Recency(r.RecencyWeight.Value, r.RecencyHalfLifeDays ?? DefaultHalfLifeDays, now) : null;
        var vector = await embedder.EmbedQueryAsync(r.Query!, ct);
        Timings.Lap("embed");
        var hits = await index.SearchAsync(vector, filter, limit, recency, ct);
        Timings.Lap("index");
        var views = await LoadAsync(hits.Select(h => h.Id), ct);
        Timings.Lap("load");
        // A memory deleted between the index answer and this read is simply left out.
        return hits.Where(h => views.ContainsKey(h.Id))
            .Select(h => MemoryResponse.From(views[h.Id]) with { Score = h.Score, RerankScore = recency is null ? null : h.Rank })
            .ToList();
    }

    private async Task<IReadOnlyList<MemoryResponse>> KeywordAsync(string query, VectorFilter filter, int limit, CancellationToken ct)
    {
        var views = await session.ContainingAnyAsync([query], filter, limit, ct);
        Timings.Lap("text");
        return views.Select(MemoryResponse.From).ToList();
    }

    private async Task<IReadOnlyList<MemoryResponse>> HybridAsync(string query, VectorFilter filter, int limit, CancellationToken ct)
    {
        var pool = Math.Max(limit * 3, 30);
        var vector = await embedder.EmbedQueryAsync(query, ct);
        Timings.Lap("embed");
        var semantic = await index.SearchAsync(vector, filter, pool, null, ct);
        Timings.Lap("index");
        var identifiers = await session.ContainingAnyAsync(MemoryTextSearch.Identifiers(query), filter, pool, ct);
        Timings.Lap("text");

        var fused = new Dictionary<Guid, double>();
        void Rank(IEnumerable<Guid> ids)
        {
            var rank = 0;
            foreach (var id in ids) fused[id] = fused.GetValueOrDefault(id) + 1.0 / (RrfK + ++rank);
        }
        Rank(semantic.Select(h => h.Id));
        Rank(identifiers.Select(v => v.Id));

        var top = fused.OrderByDescending(kv => kv.Value).Take(limit).ToList();
        var views = identifiers.ToDictionary(v => v.Id);
        foreach (var (id, view) in await LoadAsync(top.Select(t => t.Key).Where(id => !views.ContainsKey(id)), ct)) views[id] = view;
        Timings.Lap("load");
        return top.Where(t => views.ContainsKey(t.Key)).Select(t => MemoryResponse.From(views[t.Key]) with { Score = (float)t.Value }).ToList();
    }

    private async Task<Dictionary<Guid, MemoryView>> LoadAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        return list.Count == 0 ? [] : (await session.LoadManyAsync<MemoryView>(ct, list)).ToDictionary(v => v.Id);
    }
}
