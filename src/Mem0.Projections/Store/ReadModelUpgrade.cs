using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mem0.Projections.Store;

/// <summary>
/// A store written by a build before timelines and sources has memory views but no timelines, and views without the
/// event-time fields: once, at start, every read model is folded afresh from the events (the same rebuild a restore
/// runs), under an advisory lock so of several processes starting together one does it and the others find it done.
/// </summary>
public sealed class ReadModelUpgrade(IDocumentStore store, NpgsqlDataSource db, ILogger<ReadModelUpgrade> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"select pg_advisory_xact_lock({AdvisoryLockKeys.For("mem0-read-model-upgrade", schema)})", conn, tx))
        {
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        await using (var check = new NpgsqlCommand(
                         $"select exists (select 1 from {schema}.{MartenTables.Views}) and not exists (select 1 from {schema}.{MartenTables.Timelines})", conn, tx))
        {
            if (await check.ExecuteScalarAsync(ct) is not true) return;
        }
        log.LogInformation("Upgrading the read models of schema {Schema}: memory timelines and event times, folded from the events", schema);
        var memories = await ReadModelRebuild.RunAsync(store, tx, line => log.LogInformation("Upgrade: {Progress}", line), ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Upgrade done: {Memories} memories", memories);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
