using Mem0.Settings;

namespace Mem0.Scheduler.Options;

public sealed class BackupOptionsValidator : ModuleOptionsValidator<BackupOptions>
{
    protected override void Check(BackupOptions s, List<string> problems)
    {
        if (s.BackupCron == BackupOptions.CronOff)
        {
            problems.Add("BACKUP_CRON cannot be off; leave BACKUP_DIR and S3_BUCKET unset to turn backups off.");
        }
        else if (CronCheck.Problem("BACKUP_CRON", s.BackupCron) is { } cron)
        {
            problems.Add(cron);
        }
        if (s.RetentionDays < 1) problems.Add("RETENTION_DAYS must be at least 1.");
        RequireHttpUrls(problems, ("S3_ENDPOINT", s.S3Endpoint));
        if ((s.AwsAccessKeyId is null) != (s.AwsSecretAccessKey is null))
        {
            problems.Add("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credentials.");
        }
    }
}
