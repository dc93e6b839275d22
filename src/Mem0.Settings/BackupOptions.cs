namespace Mem0.Settings;

/// <summary>The nightly backup: when (cron, UTC), where (a folder, S3 or both) and how long backups are kept.</summary>
public sealed record BackupOptions : ModuleOptions
{
    /// <summary>A cron variable set to this turns its job off.</summary>
    public const string CronOff = "off";

    public string BackupCron { get; init; } = "0 3 * * *";
    public string? BackupDir { get; init; }
    public string? S3Bucket { get; init; }
    public string S3Prefix { get; init; } = "mem0-backups";
    public string? S3Endpoint { get; init; }
    public string? AwsAccessKeyId { get; init; }
    public string? AwsSecretAccessKey { get; init; }
    public string AwsRegion { get; init; } = "us-east-1";
    public int RetentionDays { get; init; } = 14;
    public bool BackupConfigured => BackupDir is not null || S3Bucket is not null;

    public static BackupOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new BackupOptions();
        return new BackupOptions
        {
            BackupCron = r.Str("BACKUP_CRON") ?? defaults.BackupCron,
            BackupDir = r.Str("BACKUP_DIR"),
            S3Bucket = r.Str("S3_BUCKET"),
            S3Prefix = r.Str("S3_PREFIX")?.Trim('/') ?? defaults.S3Prefix,
            S3Endpoint = r.Str("S3_ENDPOINT"),
            AwsAccessKeyId = r.Str("AWS_ACCESS_KEY_ID"),
            AwsSecretAccessKey = r.Str("AWS_SECRET_ACCESS_KEY"),
            AwsRegion = r.Str("AWS_DEFAULT_REGION") ?? defaults.AwsRegion,
            RetentionDays = r.Int("RETENTION_DAYS", defaults.RetentionDays),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
