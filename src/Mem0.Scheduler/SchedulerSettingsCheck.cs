using Cronos;
using Mem0.Projections.Configuration;

namespace Mem0.Scheduler;

/// <summary>The scheduler's variables, checked at start by the server and by the admin commands, each problem naming its variable.</summary>
public static class SchedulerSettingsCheck
{
    public static IReadOnlyList<string> Check(Mem0Settings s)
    {
        var problems = new List<string>();
        foreach (var (name, cron) in new[] { ("BACKUP_CRON", s.BackupCron), ("DIGEST_CRON", s.DigestCron) })
        {
            if (cron == Mem0Settings.CronOff) continue;
            // Hangfire reads five fields, or six with seconds first.
            try { CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard); }
            catch (CronFormatException ex) { problems.Add($"{name} must be a five-field cron expression in UTC, e.g. 0 3 * * * (got '{cron}': {ex.Message})."); }
        }
        if (s.BackupCron == Mem0Settings.CronOff) problems.Add("BACKUP_CRON cannot be off; leave BACKUP_DIR and S3_BUCKET unset to turn backups off.");
        if (s.RetentionDays < 1) problems.Add("RETENTION_DAYS must be at least 1.");
        if (s.DigestWindowDays < 1) problems.Add("DIGEST_WINDOW_DAYS must be at least 1.");
        if (s.DigestMaxMemories < 1) problems.Add("DIGEST_MAX_MEMORIES must be at least 1.");
        if (s.DigestWebhookFormat is not ("auto" or "slack" or "discord"))
        {
            problems.Add($"DIGEST_WEBHOOK_FORMAT must be auto, slack or discord (got '{s.DigestWebhookFormat}').");
        }
        foreach (var (name, value) in new[] { ("DIGEST_WEBHOOK_URL", s.DigestWebhookUrl), ("S3_ENDPOINT", s.S3Endpoint) })
        {
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            {
                problems.Add($"{name} must be an http(s) URL (got '{value}').");
            }
        }
        if ((s.AwsAccessKeyId is null) != (s.AwsSecretAccessKey is null))
        {
            problems.Add("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credentials.");
        }
        return problems;
    }
}
