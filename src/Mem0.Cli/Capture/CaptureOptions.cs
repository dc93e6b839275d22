namespace Mem0.Cli.Capture;

/// <summary>
/// The capture bot's settings, from the guide's variables: TELEGRAM_BOT_TOKEN (required),
/// TELEGRAM_ALLOWED_CHAT_IDS (blank: discovery mode), CAPTURE_AGENT_ID (default capture:telegram),
/// TELEGRAM_POLL_TIMEOUT (seconds, default 30).
/// </summary>
public sealed record CaptureOptions(string Token, IReadOnlySet<long> AllowedChats, string AgentId = "capture:telegram", int PollTimeoutSeconds = 30)
{
    public static CaptureOptions? FromEnvironment(TextWriter error)
    {
        var token = Environment.GetEnvironmentVariable("TELEGRAM_BOT_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            error.WriteLine("mem0: TELEGRAM_BOT_TOKEN is required (the token @BotFather gave you).");
            return null;
        }
        var allowed = new HashSet<long>();
        foreach (var part in (Environment.GetEnvironmentVariable("TELEGRAM_ALLOWED_CHAT_IDS") ?? "")
                     .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, out var id))
            {
                error.WriteLine($"mem0: TELEGRAM_ALLOWED_CHAT_IDS must be comma-separated chat ids (got '{part}').");
                return null;
            }
            allowed.Add(id);
        }
        var timeoutText = Environment.GetEnvironmentVariable("TELEGRAM_POLL_TIMEOUT");
        var timeout = 30;
        if (!string.IsNullOrWhiteSpace(timeoutText) && (!int.TryParse(timeoutText, out timeout) || timeout is < 0 or > 600))
        {
            error.WriteLine($"mem0: TELEGRAM_POLL_TIMEOUT must be a whole number of seconds, 0-600 (got '{timeoutText}').");
            return null;
        }
        var agent = Environment.GetEnvironmentVariable("CAPTURE_AGENT_ID");
        return new CaptureOptions(token.Trim(), allowed, string.IsNullOrWhiteSpace(agent) ? "capture:telegram" : agent.Trim(), timeout);
    }
}
