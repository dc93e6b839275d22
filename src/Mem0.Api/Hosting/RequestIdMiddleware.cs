namespace Mem0.Api.Hosting;

/// <summary>
/// Honours a caller's `X-Request-Id` (1–128 visible ASCII characters) or makes one, echoes it, and uses it as the
/// request's trace identifier so error bodies and log lines carry the same id.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> log)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext http)
    {
        var given = http.Request.Headers[Header].ToString();
        http.TraceIdentifier = IsAcceptable(given) ? given : Guid.NewGuid().ToString("N")[..12];
        // Set as the response starts: the exception handler clears headers set earlier.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        });
        using (log.BeginScope(new Dictionary<string, object> { ["request_id"] = http.TraceIdentifier }))
        {
            await next(http);
        }
    }

    private static bool IsAcceptable(string id) => id.Length is > 0 and <= 128 && id.All(c => c is > ' ' and <= '~');
}
