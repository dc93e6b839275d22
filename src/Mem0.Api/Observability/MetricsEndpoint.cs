using Mem0.Projections.Configuration;
using Mem0.Projections.Vectors;
using Npgsql;
using Prometheus;

namespace Mem0.Api.Observability;

public static class MetricsEndpoint
{
    /// <summary>`/metrics` in Prometheus text format, no auth. Stored memories and projection lag are read per scrape.</summary>
    public static void MapMem0Metrics(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var settings = app.Services.GetRequiredService<Mem0Settings>();
        var checkpoint = app.Services.GetRequiredService<SubscriptionCheckpoint>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async ct =>
        {
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
        });
        app.MapMetrics("/metrics").AllowAnonymous().WithTags("ops");
    }
}
