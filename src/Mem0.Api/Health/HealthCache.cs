namespace Mem0.Api.Health;

/// <summary>
/// The last answers of `/healthz` and of `/metrics`' figures, each at most <see cref="HealthEndpoint.MaxAge"/> old.
/// Their age is wall-clock time (never the server's injectable clock): staleness is about the backends now.
/// </summary>
public sealed class HealthCache
{
    private readonly TimeProvider clock = TimeProvider.System;

    /// <summary>A failing answer is kept only briefly, so a recovery (a bus connecting at start) shows at once.</summary>
    public HealthCache()
    {
        Results = new(clock, r => r.Ok ? HealthEndpoint.MaxAge : TimeSpan.FromMilliseconds(250));
        Figures = new(clock, HealthEndpoint.MaxAge);
    }

    public RecentResult<HealthResponse> Results { get; }
    public RecentResult<bool> Figures { get; }
}
