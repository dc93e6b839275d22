using Marten;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Mem0.Settings;
using Npgsql;

namespace Mem0.Api.Ui;

/// <summary>How many memories one surface and agent added on one day (UTC).</summary>
public sealed record DayCount(DateOnly Day, string Surface, string Agent, int Count);

/// <summary>The console's own reads, each one indexed query: the chart's counts, the review queue, the overview's totals.</summary>
public sealed class ConsoleQueries(IQuerySession session, NpgsqlDataSource database, EventStoreOptions store, TimeProvider clock)
{
    /// <summary>The review statuses that wait for a person: the guide's `unreviewed`, and `pending` as importers and agents write it.</summary>
    public static readonly string[] Waiting = ["pending", "unreviewed"];

    /// <summary>
    /// Memories added per day over the last <paramref name="days"/> days, by surface and agent, from the timelines
    /// (which outlive deletes, so a day's bar does not shrink when its memories are later deleted).
    /// </summary>
    public async Task<IReadOnlyList<DayCount>> AddsPerDayAsync(int days, CancellationToken ct)
    {
        var since = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1 - days), TimeSpan.Zero);
        var schema = store.DatabaseSchema;
        // The same expression as the mem0_timeline_created_at index, so the window is an index range.
        var createdAt = $"{schema}.mt_immutable_timestamptz(data ->> 'CreatedAt')";
        await using var command = database.CreateCommand(
            $"select ({createdAt} at time zone 'UTC')::date, coalesce(data ->> 'Surface', ''), coalesce(data ->> 'AgentId', ''), count(*) " +
            $"from {schema}.{MartenTables.Timelines} where {createdAt} >= @since group by 1, 2, 3");
        command.Parameters.AddWithValue("since", since);
        var counts = new List<DayCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts.Add(new DayCount(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetString(1), reader.GetString(2), (int)reader.GetInt64(3)));
        }
        return counts;
    }

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
