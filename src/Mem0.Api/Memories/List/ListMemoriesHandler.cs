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

        List<MemoryView> page;
        if (q.AsOf is { } asOf)
        {
            var filter = new VectorFilter(userId, q.AgentId, q.RunId, q.Source, q.Confidence, q.ReviewStatus, q.ExcludeExpired == true ? now : null);
            var correction = await AsOfCorrection.ReadAsync(session, filter, asOf, ct);
            var unchanged = await query.Where(v => v.UpdatedAt <= asOf).OrderBy(v => v.HappenedAt).ThenBy(v => v.Id).Take(offset + limit + 1).ToListAsync(ct);
            page = unchanged.Where(v => !correction.ChangedSince.Contains(v.Id)).Concat(correction.Then)
                .OrderBy(v => v.HappenedAt).ThenBy(v => v.Id).Skip(offset).Take(limit + 1).ToList();
        }
        else
        {
            page = (await query.OrderBy(v => v.HappenedAt).ThenBy(v => v.Id).Skip(offset).Take(limit + 1).ToListAsync(ct)).ToList();
        }
        var results = page.Take(limit).Select(MemoryResponse.From).ToList();
        return new ListMemoriesResponse(results, new Pagination(limit, offset, page.Count > limit));
    }
}
