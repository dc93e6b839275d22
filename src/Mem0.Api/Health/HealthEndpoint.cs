using System.Reflection;
using MassTransit;
using Mem0.Projections.Configuration;
using Mem0.Projections.Vectors;
using Npgsql;

namespace Mem0.Api.Health;

/// <summary>
/// `memories` is what the store holds, `indexed` what the vector index holds; `index_lag` is the difference, which
/// stays 0 unless the index missed events (it is repaired at the next start, and the log says so).
/// </summary>
public sealed record HealthResponse(bool Ok, string Version, string Postgres, string Bus, string VectorStore, long? Memories, int Indexed, long? IndexLag);

public static class HealthEndpoint
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>`/healthz`: a real round trip to PostgreSQL (2 s timeout) and the bus's own health. No auth, never limited.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (NpgsqlDataSource db, IBusControl bus, IVectorIndex index, Mem0Settings settings, CancellationToken ct) =>
        {
            var stored = await CountAsync(db, settings.DatabaseSchema, ct);
            var postgres = stored is not null ? "reachable" : "unreachable";
            var busHealth = bus.CheckHealth().Status;
            var busState = busHealth == BusHealthStatus.Healthy ? "reachable" : busHealth == BusHealthStatus.Degraded ? "degraded" : "unreachable";
            var ok = postgres == "reachable" && busState == "reachable";
            var indexed = index.Count;
            var body = new HealthResponse(ok, Version, postgres, busState, index.Name, stored, indexed, stored is { } n ? Math.Max(0, n - indexed) : null);
            return TypedResults.Json(body, statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("ops");
        return app;
    }

    /// <summary>The round trip to PostgreSQL: how many memories are stored, or null when it did not answer in time.</summary>
    private static async Task<long?> CountAsync(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using var cmd = db.CreateCommand($"select count(*) from {schema}.mt_doc_memoryview");
            return (long)(await cmd.ExecuteScalarAsync(timeout.Token))!;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
