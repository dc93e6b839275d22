namespace Mem0.Settings;

/// <summary>The message bus: RabbitMQ (or the in-memory bus without it), its queue prefix and the reply timeout.</summary>
public sealed record BusOptions : ModuleOptions
{
    public string? RabbitMqUrl { get; init; }
    public string BusPrefix { get; init; } = "mem0";
    public TimeSpan BusTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public static BusOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new BusOptions();
        return new BusOptions
        {
            RabbitMqUrl = r.Str("RABBITMQ_URL"),
            BusPrefix = r.Str("MEM0_BUS_PREFIX") ?? defaults.BusPrefix,
            BusTimeout = TimeSpan.FromMilliseconds(r.Double("MEM0_BUS_TIMEOUT_SECONDS", defaults.BusTimeout.TotalSeconds) * 1000),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
