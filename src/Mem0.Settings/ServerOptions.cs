using Microsoft.Extensions.Logging;

namespace Mem0.Settings;

/// <summary>The process: its profile and roles, the store's one user, its logging and the idempotency window.</summary>
public sealed record ServerOptions : ModuleOptions
{
    public const string LocalProfile = "local";

    public string? Profile { get; init; }
    public bool IsLocalProfile => string.Equals(Profile, LocalProfile, StringComparison.OrdinalIgnoreCase);
    public IReadOnlySet<ServerRole> Roles { get; init; } = Enum.GetValues<ServerRole>().ToHashSet();
    public string? DefaultUserId { get; init; }
    /// <summary>`LOG_LEVEL`, the guide's names (DEBUG, INFO, WARNING, ERROR, CRITICAL; TRACE and WARN too).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>How long a POST's response is kept for replay to a retry with the same Idempotency-Key.</summary>
    public double IdempotencyTtlHours { get; init; } = 24;

    public bool Runs(ServerRole role) => Roles.Contains(role);

    private static LogLevel ReadLogLevel(SettingsReader r)
    {
        var raw = r.Str("LOG_LEVEL");
        switch (raw?.ToUpperInvariant())
        {
            case null or "INFO": return LogLevel.Information;
            case "TRACE": return LogLevel.Trace;
            case "DEBUG": return LogLevel.Debug;
            case "WARNING" or "WARN": return LogLevel.Warning;
            case "ERROR": return LogLevel.Error;
            case "CRITICAL": return LogLevel.Critical;
            default:
                r.Problem($"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got '{raw}').");
                return LogLevel.Information;
        }
    }

    public static ServerOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new ServerOptions();
        var roles = r.EnumList<ServerRole>("MEM0_ROLES",
            unknown => $"MEM0_ROLES has an unknown role '{unknown.ToLowerInvariant()}' (known: {string.Join(", ", Enum.GetValues<ServerRole>().Select(SettingsReader.NameOf))}).");
        return new ServerOptions
        {
            Profile = r.Str("MEM0_PROFILE"),
            Roles = roles?.ToHashSet() ?? defaults.Roles,
            DefaultUserId = r.Str("MEM0_DEFAULT_USER_ID"),
            LogLevel = ReadLogLevel(r),
            IdempotencyTtlHours = r.Double("MEM0_IDEMPOTENCY_TTL_HOURS", defaults.IdempotencyTtlHours),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
