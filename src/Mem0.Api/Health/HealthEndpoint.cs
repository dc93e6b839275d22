using Mem0.Projections.Store;
using System.Reflection;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Settings;
using Mem0.Projections.Vectors;
using Npgsql;

namespace Mem0.Api.Health;

/// <summary>
/// `memories` is what the store holds, `indexed` what the vector index holds, and `index_lag` the difference: the
/// memories a search cannot find yet. `projection_lag` counts the events the index subscription has not applied
/// (the write path indexes its own memories at once, so this can be above 0 for a moment while `index_lag` is 0).
/// `qdrant` is the guide's key, for monitors written for it: the vector store's status when that store is Qdrant.
/// </summary>
public sealed record HealthResponse(
    bool Ok, string Version, string Postgres, string Bus, string VectorStore, string VectorStoreStatus,
    long? Memories, long? Indexed, long? IndexLag, long? ProjectionLag, DateTimeOffset? CheckedAt = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Qdrant = null);

public static class HealthEndpoint
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>How old an answer of `/healthz` (and the figures of `/metrics`) may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    /// <summary>
    /// `/healthz`: real round trips to PostgreSQL, the bus and the vector store (2 s timeout each), at most one set
    /// every <see cref="MaxAge"/> whoever asks (`checked_at` says when); no auth, never limited. `?deep=1` with the
    /// API key checks again at once.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HttpContext http, CancellationToken ct) =>
        {
            var deep = http.Request.Query["deep"].ToString() is "1" or "true";
            if (deep && !Auth.Access.IsStaticKey(http.User))
            {
                await Errors.ErrorBody.WriteAsync(http, StatusCodes.Status401Unauthorized, Errors.ErrorCodes.Unauthorized,
                    "A deep check (?deep=1) needs the API key; without it /healthz answers from the last check.");
                return Results.Empty;
            }
            var body = await ReadAsync(http.RequestServices, deep, ct);
            return TypedResults.Json(body, statusCode: body.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("ops");
        return app;
    }

    /// <summary>The last check, or a new one when it is older than <see cref="MaxAge"/> (or <paramref name="deep"/>): `/healthz` and the console.</summary>
    public static async Task<HealthResponse> ReadAsync(IServiceProvider services, bool deep, CancellationToken ct)
    {
        var (body, at) = await services.GetRequiredService<HealthCache>().Results.GetAsync(
            _ => CheckAsync(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IBusControl>(),
                services.GetRequiredService<IClientFactory>(), services.GetRequiredService<IVectorIndex>(), services.GetRequiredService<IndexLag>(),
                services.GetRequiredService<EventStoreOptions>(), services.GetRequiredService<BusOptions>(),
                services.GetRequiredService<VectorIndexOptions>(), CancellationToken.None), deep, ct);
        return body with { CheckedAt = at };
    }

    private static async Task<HealthResponse> CheckAsync(NpgsqlDataSource db, IBusControl bus, IClientFactory clients, IVectorIndex index,
        IndexLag lag, EventStoreOptions store, BusOptions busOptions, VectorIndexOptions vectors, CancellationToken ct)
    {
        var stored = await CountMemoriesAsync(db, store.DatabaseSchema, ct);
        var postgres = stored is not null ? "reachable" : "unreachable";
        var busState = await PingAsync(bus, clients, busOptions, ct);
        var indexed = await Timed(index.CountAsync, ct);
        var vectorState = indexed is not null ? "reachable" : "unreachable";
        long? projectionLag = stored is null ? null : await Timed(lag.EventsBehindAsync, ct);
        var ok = postgres == "reachable" && busState == "reachable" && vectorState == "reachable";
        return new HealthResponse(ok, Version, postgres, busState, index.Name, vectorState, stored, indexed,
            stored is { } n && indexed is { } i ? Math.Max(0, n - i) : null, projectionLag, Qdrant: vectors.IsQdrant ? vectorState : null);
    }

    /// <summary>
    /// The bus as a real round trip: a ping to the extractors' queue, answered within the check timeout.
    /// "no_reply" means the broker is connected but no extractor answered.
    /// </summary>
    private static async Task<string> PingAsync(IBusControl bus, IClientFactory clients, BusOptions settings, CancellationToken ct)
    {
        if (bus.CheckHealth().Status == BusHealthStatus.Unhealthy) return "unreachable";
        var client = clients.CreateRequestClient<Ping>(new Uri($"queue:{CommandQueues.Ping(settings.BusPrefix)}"),
            RequestTimeout.After(ms: (int)CheckTimeout.TotalMilliseconds));
        try
        {
            await client.GetResponse<Pong>(new Ping(Guid.NewGuid()), ct);
            return "reachable";
        }
        catch (RequestTimeoutException)
        {
            return "no_reply";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return "unreachable";
        }
    }

    /// <summary>A check's answer, or null when it failed or took longer than the check timeout.</summary>
    private static async Task<long?> Timed(Func<CancellationToken, Task<long>> check, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await check(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The round trip to PostgreSQL: how many memories are stored, or null when it did not answer in time.</summary>
    public static async Task<long?> CountMemoriesAsync(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using var cmd = db.CreateCommand($"select count(*) from {schema}.{MartenTables.Views}");
            return (long)(await cmd.ExecuteScalarAsync(timeout.Token))!;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
