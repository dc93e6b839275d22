using System.Globalization;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// Backup file names carry their UTC time (`2026-05-20T03-00-00Z.mem0-backup.tar.gz`, the guide's stamp), so they
/// sort by age as text, and retention reads the age from the name with the same clock that wrote it.
/// </summary>
public static class BackupNames
{
    public const string Suffix = ".mem0-backup.tar.gz";
    private const string Stamp = "yyyy-MM-dd'T'HH-mm-ss'Z'";

    public static string For(DateTimeOffset at) => at.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture) + Suffix;

    public static bool IsBackup(string name) => name.EndsWith(Suffix, StringComparison.Ordinal) && TakenAt(name) is not null;

    public static DateTimeOffset? TakenAt(string name)
    {
        var file = Path.GetFileName(name);
        if (!file.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        return DateTime.TryParseExact(file[..^Suffix.Length], Stamp, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
    }
}
