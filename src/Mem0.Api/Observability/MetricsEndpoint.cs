using Mem0.Projections.Configuration;
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
            await RefreshAsync(http.RequestServices, http.RequestAborted);
            await next(http);
        }));
        app.MapMetrics(Path).AllowAnonymous().WithTags("ops");
    }

    private static async Task RefreshAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NpgsqlDataSource>();
        var settings = services.GetRequiredService<Mem0Settings>();
        var checkpoint = services.GetRequiredService<SubscriptionCheckpoint>();
        try
        {
            await using var cmd = db.CreateCommand($"select count(*) from {settings.DatabaseSchema}.mt_doc_memoryview");
            ApiMetrics.MemoriesStored.Set(Convert.ToDouble(await cmd.ExecuteScalarAsync(ct)));
            ApiMetrics.ProjectionLag.Set(Math.Max(0,
                await checkpoint.HighWaterAsync(ct) - await checkpoint.PositionAsync(VectorIndexSubscription.ShardName, ct)));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // A scrape while PostgreSQL is down still answers; /healthz is where the outage shows.
        }
    }
}
