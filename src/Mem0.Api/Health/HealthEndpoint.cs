using System.Reflection;
using MassTransit;
using Mem0.Projections.Vectors;
using Npgsql;

namespace Mem0.Api.Health;

public sealed record HealthResponse(bool Ok, string Version, string Postgres, string Bus, string VectorStore, int Memories);

public static class HealthEndpoint
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>`/healthz`: a real round trip to PostgreSQL (2 s timeout) and the bus's own health. No auth, never limited.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (NpgsqlDataSource db, IBusControl bus, IVectorIndex index, CancellationToken ct) =>
        {
            var postgres = await PingAsync(db, ct) ? "reachable" : "unreachable";
            var busHealth = bus.CheckHealth().Status;
            var busState = busHealth == BusHealthStatus.Healthy ? "reachable" : busHealth == BusHealthStatus.Degraded ? "degraded" : "unreachable";
            var ok = postgres == "reachable" && busState == "reachable";
            var body = new HealthResponse(ok, Version, postgres, busState, index.Name, index.Count);
            return TypedResults.Json(body, statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("ops");
        return app;
    }

    private static async Task<bool> PingAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using var cmd = db.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
