using System.Data;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// Writes one backup archive (tar.gz: the manifest, then one COPY file per carried table). Everything is read in
/// one REPEATABLE READ transaction, so the archive is one consistent state of the store: the events up to one
/// sequence with exactly the streams and cached vectors committed with them. The archive is written under a
/// temporary name and renamed when complete, so a crash never leaves a file that looks like a backup.
/// </summary>
public sealed class BackupWriter(NpgsqlDataSource db, EventStoreOptions store, VectorIndexOptions vectors, IEmbedder embedder, ILogger<BackupWriter> log, QdrantSnapshots? qdrant = null)
{
    public async Task<BackupManifest> WriteAsync(string path, DateTimeOffset takenAt, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("mem0-backup-");
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using (var readOnly = new NpgsqlCommand("set transaction read only", conn, tx)) await readOnly.ExecuteNonQueryAsync(ct);

            var schema = store.DatabaseSchema;
            var tables = new List<BackupTable>();
            foreach (var (table, orderBy) in StoreTables.Carried)
            {
                var columns = await StoreTables.ColumnsAsync(conn, schema, table, ct);
                if (columns.Count == 0) throw new BackupException($"The store has no table {schema}.{table}; has the server ever started on this schema?");
                tables.Add(await ExportAsync(conn, schema, table, orderBy, columns, work.FullName, ct));
                log.LogInformation("Backup: {Table} exported, {Rows} rows", table, tables[^1].Rows);
            }
            var manifest = new BackupManifest
            {
                CreatedAt = takenAt,
                DatabaseSchema = schema,
                Sequence = await StoreTables.ScalarAsync(conn, $"select coalesce(max(seq_id), 0) from {schema}.{StoreTables.Events}", ct),
                EmbeddingModel = embedder.Model,
                EmbeddingDims = embedder.Dimensions,
                VectorStore = vectors.VectorStoreName,
                StoreVersion = typeof(IDocumentStore).Assembly.GetName().Version?.ToString() ?? "",
                Counts = new BackupCounts
                {
                    Streams = tables.Single(t => t.Name == StoreTables.Streams).Rows,
                    Events = tables.Single(t => t.Name == StoreTables.Events).Rows,
                    Embeddings = tables.Single(t => t.Name == StoreTables.Embeddings).Rows,
                    Memories = await StoreTables.ScalarAsync(conn, $"select count(*) from {schema}.{StoreTables.Views}", ct),
                },
                CachedModels = await CachedModelsAsync(conn, schema, ct),
                Tables = tables,
            };
            await tx.CommitAsync(ct);

            if (qdrant is not null) manifest = manifest with { QdrantSnapshot = await SnapshotAsync(qdrant, work.FullName, ct) };
            await PackAsync(manifest, work.FullName, path, ct);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The index is a projection, so a backup without its snapshot is still whole: a Qdrant that cannot give one is
    /// an error in the log and a failed count on /metrics, and the event store's backup goes ahead.
    /// </summary>
    private async Task<QdrantSnapshotFile?> SnapshotAsync(QdrantSnapshots snapshots, string folder, CancellationToken ct)
    {
        try
        {
            var snapshot = await snapshots.DownloadAsync(folder, ct);
            log.LogInformation("Backup: Qdrant collection {Collection} snapshot, {Bytes} bytes", snapshot.Collection, snapshot.Bytes);
            return snapshot;
        }
        catch (Exception ex) when (ex is BackupException or HttpRequestException or Grpc.Core.RpcException or IOException)
        {
            Jobs.JobOutcome.CountFailure("qdrant-snapshot");
            log.LogError(ex, "Backup: the Qdrant snapshot failed ({Reason}); this backup holds the event store without it, and a restore " +
                             "rebuilds the index from the events", ex.Message);
            return null;
        }
    }

    /// <summary>Cache ids are "{model}:{64 hex digits}"; models may hold colons themselves (nomic-embed-text:latest).</summary>
    private static async Task<Dictionary<string, long>> CachedModelsAsync(NpgsqlConnection conn, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select left(id, length(id) - 65), count(*) from {schema}.{StoreTables.Embeddings} group by 1 order by 1", conn);
        var models = new Dictionary<string, long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) models[reader.GetString(0)] = reader.GetInt64(1);
        return models;
    }

    private static async Task<BackupTable> ExportAsync(NpgsqlConnection conn, string schema, string table, string orderBy,
        IReadOnlyList<string> columns, string folder, CancellationToken ct)
    {
        var file = $"tables/{table}.copy";
        var target = Path.Combine(folder, table + ".copy");
        var list = string.Join(", ", columns.Select(StoreTables.Quote));
        long rows = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        using (var reader = await conn.BeginTextExportAsync($"copy (select {list} from {schema}.{table} order by {orderBy}) to stdout", ct))
        {
            // COPY's text format escapes newlines inside values, so each line is one row.
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                sha.AppendData(bytes);
                await output.WriteAsync(bytes, ct);
                rows++;
            }
        }
        return new BackupTable(table, file, columns, rows, Convert.ToHexStringLower(sha.GetHashAndReset()), new FileInfo(target).Length);
    }

    private static async Task PackAsync(BackupManifest manifest, string folder, string path, CancellationToken ct)
    {
        var partial = path + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                var manifestPath = Path.Combine(folder, BackupManifest.FileName);
                await File.WriteAllBytesAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json), ct);
                await tar.WriteEntryAsync(manifestPath, BackupManifest.FileName, ct);
                foreach (var table in manifest.Tables)
                {
                    await tar.WriteEntryAsync(Path.Combine(folder, table.Name + ".copy"), table.File, ct);
                }
                if (manifest.QdrantSnapshot is { } snapshot) await tar.WriteEntryAsync(Path.Combine(folder, "qdrant.snapshot"), snapshot.File, ct);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

/// <summary>A backup or restore that cannot go on, with a message for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
