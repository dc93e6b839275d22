using Marten;
using Mem0.Settings;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Vectors;

namespace Mem0.Api.Memories.List;

public sealed record Pagination(int Limit, int Offset, bool HasMore);

public sealed record ListMemoriesResponse(IReadOnlyList<MemoryResponse> Results, Pagination Pagination);

/// <summary>
/// Pages in a stable order, for REST and MCP alike: by event time (`occurred_at` when the add gave one, else when it
/// was stored), then id (UUIDv7, so creation order). All filters, `exclude_expired` included, run in SQL before the
/// page is cut, so a page is never short while `has_more` is true. `as_of` reads the store as it was then: the live
/// views unchanged since, plus the few memories changed since as they read then (<see cref="AsOfCorrection"/>).
/// </summary>
public sealed class ListMemoriesHandler(IQuerySession session, ServerOptions settings, TimeProvider clock)
{
    public async Task<ListMemoriesResponse> ListAsync(ListMemoriesQuery q, CancellationToken ct)
    {
        var limit = q.Limit ?? Validation.Limits.DefaultListLimit;
        var offset = q.Offset ?? 0;
        var userId = q.UserId ?? settings.DefaultUserId!;
        var query = session.Query<MemoryView>().Matching(userId, q.AgentId, q.RunId, q.Source, q.Confidence, q.ReviewStatus);
        var now = q.AsOf ?? clock.GetUtcNow();
        if (q.ExcludeExpired == true) query = query.Where(v => v.ExpiresAt == null || v.ExpiresAt > now);

        var page = q.AsOf is { } asOf
            ? await PastPageAsync(query, new VectorFilter(userId, q.AgentId, q.RunId, q.Source, q.Confidence, q.ReviewStatus,
                q.ExcludeExpired == true ? now : null), asOf, offset, limit, ct)
            : (await query.OrderBy(v => v.HappenedAt).ThenBy(v => v.Id).Skip(offset).Take(limit + 1).ToListAsync(ct)).ToList();
        var results = page.Take(limit).Select(MemoryResponse.From).ToList();
        return new ListMemoriesResponse(results, new Pagination(limit, offset, page.Count > limit));
    }

    /// <summary>
    /// The page as the store was at <paramref name="asOf"/>: the first views unchanged since, enough of them to fill the
    /// page whatever the changed ones add, merged with the changed ones as they read then, in the list's order.
    /// </summary>
    private async Task<List<MemoryView>> PastPageAsync(IQueryable<MemoryView> query, VectorFilter filter, DateTimeOffset asOf, int offset, int limit,
        CancellationToken ct)
    {
        var correction = await AsOfCorrection.ReadAsync(session, filter, asOf, ct);
        var unchanged = await query.Where(v => v.UpdatedAt <= asOf).OrderBy(v => v.HappenedAt).ThenBy(v => v.Id).Take(offset + limit + 1).ToListAsync(ct);
        return unchanged.Where(v => !correction.ChangedSince.Contains(v.Id)).Concat(correction.Then)
            .OrderBy(v => v.HappenedAt).ThenBy(v => v.Id).Skip(offset).Take(limit + 1).ToList();
    }
}
