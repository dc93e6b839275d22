using Marten;
using Mem0.Projections.Configuration;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Vectors;

namespace Mem0.Api.Memories.Search;

/// <summary>
/// Semantic search: the query is embedded here in the API process, the index answers with ids and scores
/// (filters applied inside the index, before the cut), and the memories are read from `MemoryView`.
/// </summary>
public sealed class SearchMemoriesHandler(IEmbedder embedder, IVectorIndex index, IQuerySession session, Mem0Settings settings)
{
    public async Task<IReadOnlyList<MemoryResponse>> SearchAsync(SearchMemoriesRequest request, CancellationToken ct)
    {
        var vector = await embedder.EmbedAsync(request.Query!, ct);
        var filter = new VectorFilter(request.UserId ?? settings.DefaultUserId!, request.AgentId, request.RunId);
        var hits = index.Search(vector, filter, request.Limit ?? Validation.Limits.DefaultSearchLimit);
        if (hits.Count == 0) return [];

        var views = (await session.LoadManyAsync<MemoryView>(ct, hits.Select(h => h.Id))).ToDictionary(v => v.Id);
        // A memory deleted between the index answer and this read is simply left out.
        return hits.Where(h => views.ContainsKey(h.Id))
            .Select(h => MemoryResponse.From(views[h.Id]) with { Score = h.Score })
            .ToList();
    }
}
