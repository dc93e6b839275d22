using Mem0.Projections.Store;
using Marten;
using Npgsql;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Reads the event store's high-water mark and a subscription's checkpoint, and moves the checkpoint. Marten
/// keeps checkpoints in its progression table; moving one is what its own rewind does, done here before the
/// daemon starts, so no agent is running over it.
/// </summary>
public sealed class SubscriptionCheckpoint(IDocumentStore store, NpgsqlDataSource db)
{
    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>The highest sequence stored: what a reader waits for, not where one may start (see <see cref="SafeHighWaterAsync"/>).</summary>
    public Task<long> HighWaterAsync(CancellationToken ct) =>
        ScalarAsync($"select coalesce(max(seq_id), 0) from {Schema}.{MartenTables.Events}", null, ct);

    /// <summary>
    /// The highest sequence below which every event is visible or known never to come: where a reader that starts now
    /// may start. Sequences are taken before commit, so `max(seq_id)` can pass one whose transaction is still open, and
    /// a reader starting there skips it for ever. The rule is the one Marten's daemon applies (its detector is not public):
    /// a hole is live while the event after it is younger than <see cref="StaleGap"/> (an append commits in
    /// milliseconds; a rolled-back one leaves a hole for good, which stops holding the mark once it is stale).
    /// </summary>
    public Task<long> SafeHighWaterAsync(CancellationToken ct) =>
        ScalarAsync(
            $"with s as (select seq_id, lead(seq_id) over (order by seq_id) as next, lead(timestamp) over (order by seq_id) as next_at " +
            $"from (select 0::bigint as seq_id, null::timestamptz as timestamp union all select seq_id, timestamp from {Schema}.{MartenTables.Events}) e) " +
            $"select coalesce((select min(seq_id) from s where next > seq_id + 1 and next_at > now() - interval '{(int)StaleGap.TotalSeconds} seconds'), " +
            $"(select coalesce(max(seq_id), 0) from {Schema}.{MartenTables.Events}))", null, ct);

    /// <summary>How long a hole in the sequence may hold readers back before it counts as a rolled-back append.</summary>
    public static readonly TimeSpan StaleGap = TimeSpan.FromSeconds(10);

    public Task<long> PositionAsync(string shard, CancellationToken ct) =>
        ScalarAsync($"select coalesce((select last_seq_id from {Schema}.{MartenTables.Progression} where name = $1), 0)", shard, ct);

    /// <summary>How many event sequences the subscription has yet to apply: one round trip, never below 0.</summary>
    public Task<long> LagAsync(string shard, CancellationToken ct) =>
        ScalarAsync($"select greatest(0, coalesce(max(seq_id), 0) - coalesce((select last_seq_id from {Schema}.{MartenTables.Progression} " +
                    $"where name = $1), 0)) from {Schema}.{MartenTables.Events}", shard, ct);

    /// <summary>Whether any event is stored after <paramref name="sequence"/>: one index probe.</summary>
    public async Task<bool> AnyAfterAsync(long sequence, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select exists (select 1 from {Schema}.{MartenTables.Events} where seq_id > $1)");
        cmd.Parameters.AddWithValue(sequence);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The sequences among the <paramref name="window"/> up to <paramref name="sequence"/> that have no visible event.</summary>
    public async Task<IReadOnlyList<long>> MissingAsync(long sequence, int window, CancellationToken ct)
    {
        var missing = new List<long>();
        await using var cmd = db.CreateCommand(
            $"select s from generate_series(greatest(1, $1 - {window}), $1) s " +
            $"where not exists (select 1 from {Schema}.{MartenTables.Events} e where e.seq_id = s)");
        cmd.Parameters.AddWithValue(sequence);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) missing.Add(reader.GetInt64(0));
        return missing;
    }

    public async Task MoveToAsync(string shard, long sequence, CancellationToken ct)
    {
        // Marten reads "no row" as "from the start" and inserts the row at its first checkpoint; a row at 0 would
        // collide with that insert, so the start is written as no row.
        await using var cmd = sequence == 0
            ? db.CreateCommand($"delete from {Schema}.{MartenTables.Progression} where name = $1")
            : db.CreateCommand(
                $"insert into {Schema}.{MartenTables.Progression} (name, last_seq_id) values ($1, $2) " +
                "on conflict (name) do update set last_seq_id = excluded.last_seq_id");
        cmd.Parameters.AddWithValue(shard);
        if (sequence != 0) cmd.Parameters.AddWithValue(sequence);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, string? shard, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        if (shard is not null) cmd.Parameters.AddWithValue(shard);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }
}
