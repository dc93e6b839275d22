using Mem0.Settings;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Backups;

/// <summary>Where one backup went, and what retention removed.</summary>
public sealed record BackupResult(BackupManifest Manifest, IReadOnlyList<string> Places, IReadOnlyList<string> Pruned);

/// <summary>
/// One backup run, as the nightly job and `mem0 admin backup` do it: write the archive (into BACKUP_DIR, or a
/// temporary file), upload it to S3 when a bucket is set, then apply retention to each target.
/// </summary>
public sealed class BackupRunner(BackupWriter writer, BackupOptions settings, TimeProvider clock, ILogger<BackupRunner> log)
{
    public async Task<BackupResult> RunAsync(CancellationToken ct)
    {
        if (!settings.BackupConfigured) throw new BackupException("No backup target: set BACKUP_DIR (a folder) or S3_BUCKET (with AWS_* and, for other S3 stores, S3_ENDPOINT).");
        var takenAt = clock.GetUtcNow();
        var name = BackupNames.For(takenAt);
        var folder = settings.BackupDir is { } dir ? new FolderTarget(dir, log) : null;
        var file = folder?.PathFor(name) ?? Path.Combine(Path.GetTempPath(), name);
        var places = new List<string>();
        var pruned = new List<string>();
        try
        {
            var manifest = await writer.WriteAsync(file, takenAt, ct);
            log.LogInformation("Backup {Name}: {Events} events, {Memories} memories, {Embeddings} embeddings at sequence {Sequence}",
                name, manifest.Counts.Events, manifest.Counts.Memories, manifest.Counts.Embeddings, manifest.Sequence);
            if (folder is not null) places.Add(file);
            if (settings.S3Bucket is not null)
            {
                using var s3 = new S3Target(settings, log);
                var key = s3.KeyFor(name);
                await s3.UploadAsync(file, key, ct);
                places.Add(s3.Describe(key));
                pruned.AddRange((await s3.PruneAsync(takenAt, ct)).Select(s3.Describe));
            }
            if (folder is not null) pruned.AddRange(folder.Prune());
            return new BackupResult(manifest, places, pruned);
        }
        finally
        {
            if (folder is null) File.Delete(file);
        }
    }
}
