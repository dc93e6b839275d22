using Mem0.Settings;
using Mem0.Scheduler.Backups;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mem0.Cli.Admin;

/// <summary>`mem0 admin backups`: the backups in BACKUP_DIR and under S3_BUCKET/S3_PREFIX, newest first, as `admin restore` takes them.</summary>
public static class ListBackupsCommand
{
    public static async Task<int> RunAsync(BackupOptions settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!settings.BackupConfigured)
        {
            await error.WriteLineAsync("mem0: no backup target: set BACKUP_DIR or S3_BUCKET (or pass --dir).");
            return 2;
        }
        try
        {
            if (settings.BackupDir is { } dir)
            {
                var folder = new FolderTarget(dir, NullLogger.Instance);
                var files = folder.List();
                await output.WriteLineAsync($"{folder.Folder}: {files.Count} backup{(files.Count == 1 ? "" : "s")}");
                foreach (var f in files) await output.WriteLineAsync($"  {f.FullName}  {Size(f.Length)}");
            }
            if (settings.S3Bucket is not null)
            {
                using var s3 = new S3Target(settings, NullLogger.Instance);
                var objects = await s3.ListObjectsAsync(ct);
                await output.WriteLineAsync($"s3://{s3.Bucket}/{settings.S3Prefix}: {objects.Count} backup{(objects.Count == 1 ? "" : "s")}");
                foreach (var o in objects) await output.WriteLineAsync($"  {o.Key}  {Size(o.Size ?? 0)}");
            }
            return 0;
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or IOException)
        {
            await error.WriteLineAsync($"mem0: could not list the backups: {ex.Message}");
            return 1;
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes / 1024.0 / 1024.0:F1} MiB",
    };
}
