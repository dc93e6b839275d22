using System.Diagnostics;
using Marten;
using Marten.Services;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Vectors;
using Microsoft.Extensions.Logging;
using Mem0.Projections.Store;
using Npgsql;
using NpgsqlTypes;

namespace Mem0.Scheduler.Backups;

/// <summary>What a restore put back.</summary>
public sealed record RestoreReport(long Streams, long Events, long Memories, long Embeddings, long Sequence, string Index, bool IndexReady, double Seconds);

/// <summary>
/// Loads a checked backup into the store in one transaction: the event store and the embedding cache as they
/// were (same ids, sequences and timestamps, so histories read the same), then the memory views folded from the
/// events by the projection's own rules, then counts checked against the manifest before the commit. A failure
/// anywhere leaves the database as it was. A store that already holds memories or events is refused unless
/// forced, and then replaced whole. The vector index follows: Qdrant gets a fresh collection filled from the
/// restored cache (no provider calls); the embedded index loads from the store when the server starts.
/// </summary>
public sealed class Restorer(IDocumentStore store, NpgsqlDataSource db, EventStoreOptions options, IEmbedder embedder, IVectorStore vectors,
    VectorIndexRebuilder rebuilder, ILogger<Restorer> log)
{
    public async Task<RestoreReport> RestoreAsync(BackupArchive archive, bool force, Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var manifest = archive.Manifest;
        var schema = options.DatabaseSchema;
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        await using var conn = await db.OpenConnectionAsync(ct);
        await RefuseWhileAServerRunsAsync(conn, schema, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var existing = await StoreTables.ScalarAsync(conn,
            $"select (select count(*) from {schema}.{StoreTables.Streams}) + (select count(*) from {schema}.{StoreTables.Views})", ct);
        if (existing > 0 && !force)
        {
            throw new BackupException($"The store (schema {schema}) is not empty: it holds memories or events. Restore into an empty " +
                                      "database, or pass --force to replace everything in it with the backup.");
        }
        if (existing > 0) progress("emptying the store (--force)");
        // Every Marten document table goes too, not only the views: cached vectors and checkpoints of an earlier
        // life, and idempotency records whose stored replies name memories the backup may not have.
        var documents = await StoreTables.DocumentTablesAsync(conn, schema, ct);
        await ExecuteAsync(conn, $"truncate {schema}.{StoreTables.Events}, {schema}.{StoreTables.Streams}, {schema}.{StoreTables.Progression}, " +
                                 string.Join(", ", documents.Select(t => $"{schema}.{t}")), ct);

        foreach (var table in manifest.Tables)
        {
            await LoadAsync(conn, schema, table, archive.PathOf(table), ct);
            progress($"loaded {table.Name}: {table.Rows} rows");
        }
        if (manifest.Sequence > 0)
        {
            await ExecuteAsync(conn, $"select setval('{schema}.{StoreTables.EventSequence}', {manifest.Sequence})", ct);
        }

        var memories = await ReadModelRebuild.RunAsync(store, tx, progress, ct);
        // The index is rebuilt below (or loaded at start), so its feed resumes after the restored events.
        await ExecuteAsync(conn, $"insert into {schema}.{StoreTables.Progression} (name, last_seq_id) values " +
                                 $"('{VectorIndexSubscription.ShardName}', {manifest.Sequence}), ('{MartenTables.HighWaterMark}', {manifest.Sequence})", ct);

        await CheckCountAsync(conn, $"{schema}.{StoreTables.Streams}", manifest.Counts.Streams, ct);
        await CheckCountAsync(conn, $"{schema}.{StoreTables.Events}", manifest.Counts.Events, ct);
        await CheckCountAsync(conn, $"{schema}.{StoreTables.Embeddings}", manifest.Counts.Embeddings, ct);
        if (memories != manifest.Counts.Memories)
        {
            throw new BackupException($"The restored events fold into {memories} memories; the manifest says {manifest.Counts.Memories}.");
        }
        await tx.CommitAsync(ct);
        log.LogInformation("Restored {Events} events of {Streams} streams into {Schema}: {Memories} memories", manifest.Counts.Events,
            manifest.Counts.Streams, schema, memories);

        var index = "the embedded index loads from the restored store when the server starts.";
        var ready = true;
        if (!vectors.IsVolatile)
        {
            progress("rebuilding the vector index from the restored embeddings");
            try
            {
                await vectors.InitializeAsync(embedder.Dimensions, ct);
                var rebuilt = await rebuilder.RunAsync(_ => Task.CompletedTask, ct);
                index = $"{rebuilt.Indexed} memories indexed into {vectors.Live.Name}.";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is restored and committed, whatever failed here (vectors missing from the cache, Qdrant
                // down or of another dimension): only the index lags, and the server's own rebuild can fill it.
                log.LogError(ex, "Restore: the vector index was not rebuilt: {Reason}", ex.Message);
                (index, ready) = ($"NOT rebuilt: {ex.Message}", false);
            }
        }
        return new RestoreReport(manifest.Counts.Streams, manifest.Counts.Events, memories, manifest.Counts.Embeddings, manifest.Sequence,
            index, ready, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A running server would keep serving what it holds in memory (the embedded index, caches) over the restored
    /// store. Its job runner's heartbeat in Hangfire's server table gives it away; a clean stop removes the row.
    /// </summary>
    private static async Task RefuseWhileAServerRunsAsync(NpgsqlConnection conn, string schema, CancellationToken ct)
    {
        var hasTable = await StoreTables.ScalarAsync(conn,
            $"select count(*) from information_schema.tables where table_schema = '{schema}' and table_name = 'server'", ct);
        if (hasTable == 0) return;
        var running = await StoreTables.ScalarAsync(conn, $"select count(*) from {schema}.server where lastheartbeat > now() - interval '2 minutes'", ct);
        if (running > 0)
        {
            throw new BackupException($"A mem0 server is running on schema {schema} (its job runner sent a heartbeat in the last 2 minutes). " +
                                      "Stop it before restoring: it would go on serving its in-memory index over the restored store.");
        }
    }

    private static async Task LoadAsync(NpgsqlConnection conn, string schema, BackupTable table, string path, CancellationToken ct)
    {
        var present = await StoreTables.ColumnsAsync(conn, schema, table.Name, ct);
        var missing = table.Columns.Except(present).ToList();
        if (missing.Count > 0)
        {
            throw new BackupException($"The backup's {table.Name} has columns this store lacks ({string.Join(", ", missing)}); " +
                                      "it was made by a newer build. Restore it with that build.");
        }
        var list = string.Join(", ", table.Columns.Select(StoreTables.Quote));
        await using var writer = await conn.BeginTextImportAsync($"copy {schema}.{table.Name} ({list}) from stdin", ct);
        using var reader = new StreamReader(path);
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0) await writer.WriteAsync(buffer.AsMemory(0, read), ct);
    }

    private static async Task CheckCountAsync(NpgsqlConnection conn, string table, long expected, CancellationToken ct)
    {
        var actual = await StoreTables.ScalarAsync(conn, $"select count(*) from {table}", ct);
        if (actual != expected) throw new BackupException($"{table} holds {actual} rows after the load; the manifest says {expected}.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
