using Marten;
using Mem0.Settings;
using Mem0.Projections.Memories;

namespace Mem0.Api.Memories.List;

public sealed record Pagination(int Limit, int Offset, bool HasMore);

public sealed record ListMemoriesResponse(IReadOnlyList<MemoryResponse> Results, Pagination Pagination);

/// <summary>
/// Pages in a stable order (ids are UUIDv7, so creation order), for REST and MCP alike. All filters,
/// `exclude_expired` included, run in SQL before the page is cut, so a page is never short while `has_more` is true.
/// </summary>
public sealed class ListMemoriesHandler(IQuerySession session, ServerOptions settings, TimeProvider clock)
{
    public async Task<ListMemoriesResponse> ListAsync(ListMemoriesQuery q, CancellationToken ct)
    {
        var limit = q.Limit ?? Validation.Limits.DefaultListLimit;
        var offset = q.Offset ?? 0;
        var query = session.Query<MemoryView>()
            .Matching(q.UserId ?? settings.DefaultUserId!, q.AgentId, q.RunId, q.Source, q.Confidence, q.ReviewStatus);
        if (q.ExcludeExpired == true)
        {
            var now = clock.GetUtcNow();
            query = query.Where(v => v.ExpiresAt == null || v.ExpiresAt > now);
        }

        var page = await query.OrderBy(v => v.Id).Skip(offset).Take(limit + 1).ToListAsync(ct);
        var results = page.Take(limit).Select(MemoryResponse.From).ToList();
        return new ListMemoriesResponse(results, new Pagination(limit, offset, page.Count > limit));
    }
}
