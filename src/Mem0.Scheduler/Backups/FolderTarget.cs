using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Backups;

/// <summary>BACKUP_DIR: backups as files, the newest few kept (as the guide's backup app keeps its local files).</summary>
public sealed class FolderTarget(string folder, ILogger log)
{
    public const int Keep = 3;

    public string Folder => Path.GetFullPath(folder);

    public string PathFor(string name)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, name);
    }

    /// <summary>Every backup in the folder, newest first.</summary>
    public IReadOnlyList<FileInfo> List() => !Directory.Exists(Folder) ? []
        : Directory.EnumerateFiles(Folder).Where(BackupNames.IsBackup).OrderByDescending(f => BackupNames.TakenAt(f))
            .Select(f => new FileInfo(f)).ToList();

    /// <summary>Deletes all but the <see cref="Keep"/> newest backups in the folder; other files are left alone.</summary>
    public IReadOnlyList<string> Prune()
    {
        var old = Directory.EnumerateFiles(Folder).Where(BackupNames.IsBackup)
            .OrderByDescending(f => BackupNames.TakenAt(f)).Skip(Keep).ToList();
        foreach (var file in old)
        {
            File.Delete(file);
            log.LogInformation("Backup retention: deleted {File} (keeping the {Keep} newest)", file, Keep);
        }
        return old;
    }
}
