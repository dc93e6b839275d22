using Marten;
using Mem0.Contracts.Model;
using Mem0.Projections.Store;
using Mem0.Api.Sources;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Ranking;
using Mem0.Projections.Vectors;

namespace Mem0.Api.Memories.Search;

/// <summary>
/// Search in three modes, every filter applied before the cut. Semantic: the query is embedded here and the
/// vector index ranks by similarity, blended with recency when asked. Keyword: case-insensitive substring in SQL,
/// ordered by BM25 relevance. Hybrid: the semantic list and a BM25 ranking of all the query's words, fused by
/// reciprocal rank over pools larger than the limit, so an exact identifier ranks beside paraphrases and a word found
/// everywhere (a speaker's name in every turn) carries no weight.
/// </summary>
public sealed class SearchMemoriesHandler(IEmbedder embedder, IVectorIndex index, IQuerySession session, TermRanking terms, ServerOptions settings,
    TimeProvider clock, PastSearch pastSearch)
{
    internal const double DefaultHalfLifeDays = 30;
    private const int RrfK = 60;

    /// <summary>The stages of the last search, for the `Server-Timing` header of the REST answer.</summary>
    public StageTimings Timings { get; } = new();

    public async Task<IReadOnlyList<MemoryResponse>> SearchAsync(SearchMemoriesRequest r, CancellationToken ct)
    {
        Timings.Start();
        var now = r.AsOf ?? clock.GetUtcNow();
        var filter = new VectorFilter(r.UserId ?? settings.DefaultUserId!, r.AgentId, r.RunId, r.Source, r.Confidence, r.ReviewStatus,
            r.ExcludeExpired == true ? now : null);
        var limit = r.Limit ?? Validation.Limits.DefaultSearchLimit;
        var results = r.AsOf is { } asOf
            ? await pastSearch.SearchAsync(r, filter, limit, asOf, Timings, ct)
            : (r.Mode ?? SearchMemoriesRequest.Semantic) switch
            {
                SearchMemoriesRequest.Keyword => await KeywordAsync(r.Query!, filter, limit, ct),
                SearchMemoriesRequest.Hybrid => await HybridAsync(r.Query!, filter, limit, ct),
                _ => await SemanticAsync(r, filter, limit, now, ct),
            };
        if (r.IncludeSource != true) return results;
        results = await SourceIncludes.AttachAsync(session, results, ct);
        Timings.Lap("sources");
        return results;
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
        var stats = await terms.StatisticsAsync(query, filter, ct);
        Timings.Lap("terms");
        var views = await session.ContainingAsync(query, stats, filter, limit, ct);
        Timings.Lap("text");
        return views.Select(MemoryResponse.From).ToList();
    }

    private async Task<IReadOnlyList<MemoryResponse>> HybridAsync(string query, VectorFilter filter, int limit, CancellationToken ct)
    {
        var pool = Math.Max(limit * 5, 50);
        // The word weights come from PostgreSQL on a connection of their own while this process embeds the query,
        // so the two overlap; `terms` is what is left to wait for once the vector search is done.
        var weighing = terms.StatisticsAsync(query, filter, ct);
        var vector = await embedder.EmbedQueryAsync(query, ct);
        Timings.Lap("embed");
        var semantic = await index.SearchAsync(vector, filter, pool, null, ct);
        Timings.Lap("index");
        var stats = await weighing;
        Timings.Lap("terms");
        var lexical = await terms.RankAsync(stats, filter, pool, ct);
        Timings.Lap("text");

        var fused = new Dictionary<Guid, double>();
        void Rank(IEnumerable<(Guid Id, double Weight)> list)
        {
            var rank = 0;
            foreach (var (id, weight) in list) fused[id] = fused.GetValueOrDefault(id) + weight / (RrfK + ++rank);
        }
        Rank(semantic.Select(h => (h.Id, 1.0)));
        // Each lexical place counts in proportion to how much of the query's weight the memory matched: one that
        // holds the query's identifier or most of its rare words counts fully, one that shares a single lesser word
        // little, where plain reciprocal-rank fusion gives every place the same weight whatever earned it.
        // (bench/results.md: "Hybrid's weight per BM25 place".)
        var whole = stats.Terms.Sum(t => t.Idf);
        Rank(lexical.Select(h => (h.Id, Math.Min(1, h.Score / whole))));

        var top = fused.OrderByDescending(kv => kv.Value).Take(limit).ToList();
        var views = await LoadAsync(top.Select(t => t.Key), ct);
        Timings.Lap("load");
        return top.Where(t => views.ContainsKey(t.Key)).Select(t => MemoryResponse.From(views[t.Key]) with { Score = (float)t.Value }).ToList();
    }

    private Task<Dictionary<Guid, MemoryView>> LoadAsync(IEnumerable<Guid> ids, CancellationToken ct) => session.LoadByIdAsync<MemoryView>(ids, v => v.Id, ct);
}
