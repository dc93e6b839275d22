using Mem0.Settings;

namespace Mem0.Scheduler.Options;

public sealed class DigestOptionsValidator : ModuleOptionsValidator<DigestOptions>
{
    protected override void Check(DigestOptions s, List<string> problems)
    {
        if (s.DigestCron != BackupOptions.CronOff && CronCheck.Problem("DIGEST_CRON", s.DigestCron) is { } cron) problems.Add(cron);
        if (s.DigestWindowDays < 1) problems.Add("DIGEST_WINDOW_DAYS must be at least 1.");
        if (s.DigestMaxMemories < 1) problems.Add("DIGEST_MAX_MEMORIES must be at least 1.");
        RequireHttpUrls(problems, ("DIGEST_WEBHOOK_URL", s.DigestWebhookUrl));
    }
}
