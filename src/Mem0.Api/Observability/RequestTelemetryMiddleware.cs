using System.Diagnostics;

namespace Mem0.Api.Observability;

/// <summary>
/// One log line per request (method, path without its query, status, latency; the request id comes from the
/// scope) and the HTTP metrics, labelled by the matched route template. Headers are never logged, so neither the
/// bearer key nor any token can reach a log line from here.
/// </summary>
public sealed class RequestTelemetryMiddleware(RequestDelegate next, ILogger<RequestTelemetryMiddleware> log)
{
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
            ApiMetrics.HttpRequests.WithLabels(http.Request.Method, route, status.ToString()).Inc();
            ApiMetrics.HttpDuration.WithLabels(http.Request.Method, route).Observe(seconds);
            log.LogInformation("{Method} {Path} {Status} {LatencyMs} ms", http.Request.Method, http.Request.Path.Value, status,
                Math.Round(seconds * 1000, 1));
        }
    }
}
