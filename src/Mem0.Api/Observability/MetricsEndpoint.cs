using Mem0.Api.Health;
using Mem0.Settings;
using Mem0.Projections.Vectors;
using Npgsql;
using Prometheus;

namespace Mem0.Api.Observability;

public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>
    /// `/metrics` in Prometheus text format, no auth. Stored memories and projection lag are read from this host's
    /// database just before each scrape is written (in the request, not in a process-wide callback, so a process
    /// hosting several servers, as the tests do, reports each one's own figures).
    /// </summary>
    public static void MapMem0Metrics(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (http, next) =>
        {
            // At most one refresh every couple of seconds, whoever scrapes.
            await http.RequestServices.GetRequiredService<Health.HealthCache>().Figures
                .GetAsync(ct => RefreshAsync(http.RequestServices, ct), fresh: false, http.RequestAborted);
            await next(http);
        }));
        app.MapMetrics(Path).AllowAnonymous().WithTags("ops");
    }

    private static async Task<bool> RefreshAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NpgsqlDataSource>();
        var store = services.GetRequiredService<EventStoreOptions>();
        var lag = services.GetRequiredService<IndexLag>();
        // A scrape while PostgreSQL is down still answers, with the last figures; /healthz is where the outage shows.
        if (await HealthEndpoint.CountMemoriesAsync(db, store.DatabaseSchema, ct) is not { } stored) return false;
        ApiMetrics.MemoriesStored.Set(stored);
        try
        {
            ApiMetrics.ProjectionLag.Set(await lag.EventsBehindAsync(ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // As above: the lag keeps its last value.
        }
        return true;
    }
}
