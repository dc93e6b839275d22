using Mem0.Scheduler.Backups;
using Mem0.Settings;

namespace Mem0.Api.Ui;

/// <summary>One backup where it is kept: its name, where, its size and when it was taken.</summary>
public sealed record BackupEntry(string Name, string Place, long? Bytes, DateTimeOffset? TakenAt);

/// <summary>
/// The backups the server can see: the files in BACKUP_DIR and the objects under the S3 prefix, newest first. The
/// bucket is asked with a short deadline: the page answers (with the reason) when the S3 store does not.
/// </summary>
public sealed class BackupListing(BackupOptions settings, ILogger<BackupListing> log)
{
    private static readonly TimeSpan S3Deadline = TimeSpan.FromSeconds(5);

    public bool Configured => settings.BackupConfigured;

    public async Task<(IReadOnlyList<BackupEntry> Backups, string? Problem)> ListAsync(CancellationToken ct)
    {
        var backups = new List<BackupEntry>();
        if (settings.BackupDir is { } dir)
        {
            backups.AddRange(new FolderTarget(dir, log).List().Select(f => new BackupEntry(f.Name, f.DirectoryName ?? dir, f.Length, BackupNames.TakenAt(f.Name))));
        }
        string? problem = null;
        if (settings.S3Bucket is not null)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(S3Deadline);
                using var s3 = new S3Target(settings, log);
                backups.AddRange((await s3.ListObjectsAsync(deadline.Token)).Select(o =>
                    new BackupEntry(Path.GetFileName(o.Key), s3.Describe(o.Key), o.Size, BackupNames.TakenAt(o.Key))));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning("Listing the S3 backups failed: {Reason}", ex.Message);
                problem = $"The S3 bucket {settings.S3Bucket} could not be listed: {ex.Message}";
            }
        }
        return (backups.OrderByDescending(b => b.TakenAt).ToList(), problem);
    }
}
