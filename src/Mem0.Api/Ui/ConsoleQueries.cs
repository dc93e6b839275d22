using Marten;
using Mem0.Projections.Memories;

namespace Mem0.Api.Ui;

/// <summary>The console's own reads, each one indexed query: the review queue and the overview's totals.</summary>
public sealed class ConsoleQueries(IQuerySession session, TimeProvider clock)
{
    /// <summary>The review statuses that wait for a person: the guide's `unreviewed`, and `pending` as importers and agents write it.</summary>
    public static readonly string[] Waiting = ["pending", "unreviewed"];

    /// <summary>
    /// What waits for review, newest change first: memories whose `review_status` is pending or unreviewed, and memories
    /// an add's extraction rewrote in the last <paramref name="days"/> days and nobody reviewed since.
    /// </summary>
    public async Task<(IReadOnlyList<MemoryView> Page, bool HasMore)> ReviewQueueAsync(int days, string? userId, int offset, int limit, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-days);
        var (pending, unreviewed) = (Waiting[0], Waiting[1]);
        var query = session.Query<MemoryView>().Where(v =>
            v.ReviewStatus == pending || v.ReviewStatus == unreviewed ||
            (v.ExtractorChangedAt != null && v.ExtractorChangedAt >= since && (v.ReviewedAt == null || v.ReviewedAt < v.ExtractorChangedAt)));
        if (userId is not null) query = query.Where(v => v.UserId == userId);
        var page = await query.OrderByDescending(v => v.UpdatedAt).ThenBy(v => v.Id).Skip(offset).Take(limit + 1).ToListAsync(ct);
        return (page.Take(limit).ToList(), page.Count > limit);
    }

    public Task<int> CountAsync(CancellationToken ct) => session.Query<MemoryView>().CountAsync(ct);

    public Task<int> WaitingCountAsync(CancellationToken ct)
    {
        var (pending, unreviewed) = (Waiting[0], Waiting[1]);
        return session.Query<MemoryView>().Where(v => v.ReviewStatus == pending || v.ReviewStatus == unreviewed).CountAsync(ct);
    }
}
