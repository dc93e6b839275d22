using System.Diagnostics;

namespace Mem0.Api.Observability;

/// <summary>
/// One log line per request (method, path without its query, status, latency; the request id comes from the
/// scope) and the HTTP metrics, labelled by the matched route template. Headers are never logged, so neither the
/// bearer key nor any token can reach a log line from here.
/// </summary>
public sealed class RequestTelemetryMiddleware(RequestDelegate next, ILogger<RequestTelemetryMiddleware> log)
{
    private static readonly HashSet<string> KnownMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options];

    /// <summary>
    /// A client chooses the method, so an invented one is `OTHER`: every label value is a new series (the duration
    /// histogram's are a dozen each), and an unauthenticated loop of invented methods would grow memory without bound.
    /// Routes are templates (or `unmatched`) and statuses three digits, so the label space is fixed.
    /// </summary>
    public static string MethodLabel(string method) => KnownMethods.TryGetValue(method, out var known) ? known : "OTHER";

    public async Task InvokeAsync(HttpContext http)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await next(http);
        }
        finally
        {
            var seconds = clock.Elapsed.TotalSeconds;
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = http.Response.StatusCode;
            var method = MethodLabel(http.Request.Method);
            ApiMetrics.HttpRequests.WithLabels(method, route, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            ApiMetrics.HttpDuration.WithLabels(method, route).Observe(seconds);
            log.LogInformation("{Method} {Path} {Status} {LatencyMs} ms", http.Request.Method, http.Request.Path.Value, status,
                Math.Round(seconds * 1000, 1));
        }
    }
}
