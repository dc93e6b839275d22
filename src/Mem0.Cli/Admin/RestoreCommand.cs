using Mem0.Settings;
using Mem0.Scheduler.Backups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mem0.Cli.Admin;

/// <summary>
/// `mem0 admin restore &lt;file|s3 key&gt; [--force]`: a backup file, or an object in S3_BUCKET (its key, its file
/// name under S3_PREFIX, or s3://bucket/key), checked against its manifest and loaded into the configured
/// database; refused when that database holds memories unless --force. Run it with the server stopped.
/// </summary>
public static class RestoreCommand
{
    /// <summary>Exit 0 when restored with its index, 1 when refused or failed (nothing written) or when only the index could not be rebuilt.</summary>
    public static async Task<int> RunAsync(Mem0Settings settings, string from, bool force, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var services = AdminServices.Build(settings, error);
        string? downloaded = null;
        try
        {
            var file = from;
            if (!File.Exists(from))
            {
                if (Path.Exists(from) || (settings.Backups.S3Bucket is null && !from.StartsWith("s3://", StringComparison.Ordinal)))
                {
                    throw new BackupException($"{from} is not a backup file here, and no S3_BUCKET is set to look for it as an object key.");
                }
                var (bucket, key) = ObjectOf(from, settings.Backups);
                using var s3 = new S3Target(settings.Backups with { S3Bucket = bucket }, NullLogger.Instance);
                downloaded = file = Path.Combine(Path.GetTempPath(), $"mem0-restore-{Guid.NewGuid():N}{BackupNames.Suffix}");
                await output.WriteLineAsync($"Downloading {s3.Describe(key)}…");
                await s3.DownloadAsync(key, file, ct);
            }

            using var archive = await BackupArchive.OpenAsync(file, ct);
            var m = archive.Manifest;
            await output.WriteLineAsync($"Backup of {m.CreatedAt:u} (schema {m.DatabaseSchema}, sequence {m.Sequence}): {m.Counts.Memories} memories, " +
                                        $"{m.Counts.Events} events, {m.Counts.Embeddings} cached vectors ({BackupCommand.Models(m)}); checksums verified.");
            if (m.Counts.Memories > 0 && !m.CachedModels.ContainsKey(settings.Ai.EmbedModel))
            {
                await output.WriteLineAsync($"Note: the backup holds no {settings.Ai.EmbedModel} vectors, the model this configuration embeds with " +
                                            "(MEM0_EMBED_PROVIDER / MEM0_EMBED_MODEL, or MEM0_PROFILE=local). The server will embed each memory " +
                                            "text once when it indexes them.");
            }
            var report = await services.GetRequiredService<Restorer>().RestoreAsync(archive, force, line => output.WriteLine("  " + line), ct);
            await output.WriteLineAsync($"Restored into schema {settings.Store.DatabaseSchema}: {report.Memories} memories, {report.Events} events in " +
                                        $"{report.Streams} streams, {report.Embeddings} cached vectors, up to sequence {report.Sequence}, " +
                                        $"in {report.Seconds:F1} s.");
            await output.WriteLineAsync($"Vector index: {report.Index}");
            if (report.IndexReady) return 0;
            await error.WriteLineAsync("mem0: the store is restored but its vector index is not: searches may miss or show stale memories until " +
                                       "`mem0 admin rebuild-index` has run against the started server.");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await AdminServices.FailedAsync(error, "restore failed", ex);
        }
        finally
        {
            if (downloaded is not null) File.Delete(downloaded);
        }
    }

    /// <summary>s3://bucket/key, a key under the bucket, or a bare file name under S3_PREFIX.</summary>
    private static (string Bucket, string Key) ObjectOf(string from, BackupOptions settings)
    {
        if (from.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = from["s3://".Length..];
            var slash = rest.IndexOf('/');
            if (slash <= 0 || slash == rest.Length - 1) throw new BackupException($"{from} is not s3://bucket/key.");
            return (rest[..slash], rest[(slash + 1)..]);
        }
        var key = from.Contains('/') || settings.S3Prefix.Length == 0 ? from : $"{settings.S3Prefix}/{from}";
        return (settings.S3Bucket!, key);
    }
}
