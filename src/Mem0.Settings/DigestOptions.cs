namespace Mem0.Settings;

/// <summary>The daily digest: when (cron, UTC), which memories, and the webhook it goes to.</summary>
public sealed record DigestOptions : ModuleOptions
{
    public string DigestCron { get; init; } = "0 8 * * *";
    public int DigestWindowDays { get; init; } = 1;
    public int DigestMaxMemories { get; init; } = 100;
    public string DigestTitle { get; init; } = "\U0001F9E0 Memory digest";
    public bool DigestSendWhenEmpty { get; init; }
    public bool DigestRunOnStart { get; init; }
    public string? DigestWebhookUrl { get; init; }
    public WebhookFormat DigestWebhookFormat { get; init; } = WebhookFormat.Auto;

    public static DigestOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new DigestOptions();
        return new DigestOptions
        {
            DigestCron = r.Str("DIGEST_CRON")?.ToLowerInvariant() is BackupOptions.CronOff ? BackupOptions.CronOff : r.Str("DIGEST_CRON") ?? defaults.DigestCron,
            DigestWindowDays = r.Int("DIGEST_WINDOW_DAYS", defaults.DigestWindowDays),
            // The guide's list endpoint allows at most 100, so the guide clamps larger values; so does this.
            DigestMaxMemories = Math.Min(100, r.Int("DIGEST_MAX_MEMORIES", defaults.DigestMaxMemories)),
            DigestTitle = r.Str("DIGEST_TITLE") ?? defaults.DigestTitle,
            DigestSendWhenEmpty = r.Bool("DIGEST_SEND_WHEN_EMPTY", defaults.DigestSendWhenEmpty),
            DigestRunOnStart = r.Bool("DIGEST_RUN_ON_START", defaults.DigestRunOnStart),
            DigestWebhookUrl = r.Str("DIGEST_WEBHOOK_URL"),
            DigestWebhookFormat = r.Enum("DIGEST_WEBHOOK_FORMAT", defaults.DigestWebhookFormat, whenUnknown: defaults.DigestWebhookFormat),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
