using System.Net;
using Mem0.Api.Errors;
using Mem0.Projections.Configuration;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// The guide's auth-failure limits on the bearer-key surfaces: REST (`/api/v1`, and the jobs dashboard) and MCP
/// (`/mcp`), each counted apart, RATE_LIMIT_AUTH_FAILURES per RATE_LIMIT_AUTH_WINDOW_SECONDS per client IP.
/// A 401 counts; past the limit the answer is 429 with Retry-After. `/healthz`, `/metrics` and `/docs` are
/// never limited. With TRUST_FORWARDED_FOR the first X-Forwarded-For hop is the client (right behind a proxy,
/// spoofable without one).
/// </summary>
public sealed class AuthFailureLimitMiddleware(RequestDelegate next, AuthFailureLimiter limiter, Mem0Settings settings)
{
    private readonly TimeSpan _window = TimeSpan.FromSeconds(settings.RateLimitAuthWindowSeconds);

    public async Task InvokeAsync(HttpContext http)
    {
        var surface = SurfaceOf(http.Request.Path);
        if (surface is null || settings.RateLimitAuthFailures <= 0)
        {
            await next(http);
            return;
        }
        var ip = ClientIp(http);
        if (limiter.Blocked(surface, ip, settings.RateLimitAuthFailures, _window) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            await ErrorBody.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                $"Too many failed authentication attempts from this address; retry after {Math.Ceiling(wait.TotalSeconds):0} s.");
            return;
        }
        await next(http);
        if (http.Response.StatusCode == StatusCodes.Status401Unauthorized) limiter.Failed(surface, ip, _window);
    }

    private static string? SurfaceOf(PathString path) =>
        path.StartsWithSegments("/mcp") ? "mcp"
        : path.StartsWithSegments("/api") || path.StartsWithSegments("/hangfire") ? "rest"
        : null;

    private string ClientIp(HttpContext http)
    {
        if (settings.TrustForwardedFor)
        {
            var first = http.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim();
            if (IPAddress.TryParse(first, out var forwarded)) return forwarded.ToString();
        }
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
