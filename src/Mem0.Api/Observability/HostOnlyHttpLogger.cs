using Microsoft.Extensions.Http.Logging;

namespace Mem0.Api.Observability;

/// <summary>
/// Outgoing HTTP calls (providers, webhooks, S3, Qdrant snapshots) logged by method, scheme, host and port only.
/// The default HttpClient logging writes the whole URL at Information, and a webhook's path is its credential
/// (Slack's `/services/T…/B…/secret`, Discord's `/api/webhooks/id/token`); headers are never logged either.
/// </summary>
public sealed class HostOnlyHttpLogger(ILogger<HostOnlyHttpLogger> log) : IHttpClientLogger
{
    public static IServiceCollection AddTo(IServiceCollection services) => services
        .AddSingleton<HostOnlyHttpLogger>()
        .ConfigureHttpClientDefaults(b => b.RemoveAllLoggers().AddLogger<HostOnlyHttpLogger>());

    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        log.LogDebug("HTTP {Method} {Origin} answered {Status} in {Elapsed} ms", request.Method, Origin(request), (int)response.StatusCode,
            (long)elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        log.LogDebug("HTTP {Method} {Origin} failed after {Elapsed} ms: {Error}", request.Method, Origin(request), (long)elapsed.TotalMilliseconds,
            exception.GetType().Name);

    private static string Origin(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : "?";
}
