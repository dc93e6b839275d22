using Mem0.QdrantStandIn.Services;
using Mem0.QdrantStandIn.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mem0.QdrantStandIn.Rest;

/// <summary>
/// The REST port's routes the server and its operators use: the root (Qdrant's title and version, which is how a
/// REST port is told apart from the gRPC one), the health probes, the collection list, and snapshot download.
/// The API key is checked as Qdrant checks it: the `api-key` header or a bearer token.
/// </summary>
public static class RestRoutes
{
    public static void Map(IEndpointRouteBuilder app, StandInStore store, StandInFaults faults, Func<string> version, string? apiKey)
    {
        var routes = app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var given = http.Request.Headers["api-key"].ToString() is { Length: > 0 } key ? key : http.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
            if (apiKey is not null && given != apiKey) return Results.Json(new { status = new { error = "Must provide an API key or an Authorization bearer token" } }, statusCode: 401);
            try
            {
                await faults.ApplyAsync(http, http.RequestAborted);
            }
            catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.Unavailable && !http.RequestAborted.IsCancellationRequested)
            {
                return Results.Json(new { status = new { error = "Service unavailable" } }, statusCode: 503);
            }
            return await next(context);
        });
        routes.MapGet("/", () => Results.Json(new { title = QdrantHandlers.Title, version = version(), commit = "mem0-qdrant-stand-in" }));
        foreach (var probe in new[] { "/healthz", "/livez", "/readyz" }) routes.MapGet(probe, () => Results.Text("healthz check passed"));
        routes.MapGet("/collections", () => Ok(new { collections = store.Collections().Select(n => new { name = n }) }));
        routes.MapGet("/collections/{collection}/snapshots/{snapshot}", (string collection, string snapshot) =>
        {
            if (!store.Exists(collection)) return Results.Json(new { status = new { error = $"Not found: Collection `{collection}` doesn't exist!" } }, statusCode: 404);
            return store.Resolve(collection).SnapshotBytes(snapshot) is { } bytes
                ? Results.Bytes(bytes, "application/octet-stream", snapshot)
                : Results.Json(new { status = new { error = $"Not found: Snapshot file `{snapshot}` does not exist!" } }, statusCode: 404);
        });
    }

    private static IResult Ok(object result) => Results.Json(new { result, status = "ok", time = 0.0 });
}
