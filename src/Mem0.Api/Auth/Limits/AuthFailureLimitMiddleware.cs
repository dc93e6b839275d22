using Mem0.Api.Errors;
using Mem0.Settings;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// The guide's auth-failure limits, per client IP, on four surfaces counted apart: REST (`/api/v1`, and the jobs
/// dashboard) and MCP (`/mcp`) with RATE_LIMIT_AUTH_*, where a 401 counts; the OAuth consent form
/// (`/oauth/authorize`) with RATE_LIMIT_CONSENT_*, where a wrong API key (401) counts; the token endpoint
/// (`/oauth/token`) with RATE_LIMIT_TOKEN_*, where any refused exchange (400 or 401) counts. Past the limit every
/// request of that IP on that surface is answered 429 with Retry-After until the window ends. `/healthz`,
/// `/metrics` and `/docs` are never limited. The client is the connection's remote address as the forwarded-headers
/// middleware left it: the rightmost hop that is not a trusted proxy, never an address the client wrote itself.
/// </summary>
public sealed class AuthFailureLimitMiddleware(RequestDelegate next, AuthFailureLimiter limiter, AuthOptions settings)
{
    private const string FailedAttempts = "Too many failed authentication attempts";

    /// <summary>A limited surface: what counts against it, and how its 429 begins.</summary>
    private sealed record Surface(string Name, int Limit, TimeSpan Window, Func<int, bool> Counts, string Refusal = FailedAttempts);

    private static bool Unauthorized(int status) => status == StatusCodes.Status401Unauthorized;

    private readonly Surface _rest = new("rest", settings.RateLimitAuthFailures, TimeSpan.FromSeconds(settings.RateLimitAuthWindowSeconds), Unauthorized);
    private readonly Surface _mcp = new("mcp", settings.RateLimitAuthFailures, TimeSpan.FromSeconds(settings.RateLimitAuthWindowSeconds), Unauthorized);
    private readonly Surface _consent = new("consent", settings.RateLimitConsentFailures, TimeSpan.FromSeconds(settings.RateLimitConsentWindowSeconds), Unauthorized);
    private readonly Surface _token = new("token", settings.RateLimitTokenFailures, TimeSpan.FromSeconds(settings.RateLimitTokenWindowSeconds),
        status => status is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized);

    /// <summary>
    /// Dynamic registration is open by design, so every registration counts, not only refusals: one owner's
    /// connectors register a handful of times, and a flood of client rows from one address is refused.
    /// </summary>
    public const int RegistrationsPerHour = 20;

    private readonly Surface _register = new("register", RegistrationsPerHour, TimeSpan.FromHours(1), _ => true, "Too many client registrations");

    public async Task InvokeAsync(HttpContext http)
    {
        var surface = SurfaceOf(http.Request.Path);
        if (surface is null || surface.Limit <= 0)
        {
            await next(http);
            return;
        }
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.Blocked(surface.Name, ip, surface.Limit, surface.Window) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            await ErrorBody.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                $"{surface.Refusal} from this address; retry after {Math.Ceiling(wait.TotalSeconds):0} s.");
            return;
        }
        await next(http);
        if (surface.Counts(http.Response.StatusCode)) limiter.Failed(surface.Name, ip, surface.Window);
    }

    private Surface? SurfaceOf(PathString path) =>
        path.StartsWithSegments("/mcp") ? _mcp
        : path.StartsWithSegments("/api") || path.StartsWithSegments("/hangfire") ? _rest
        : path.StartsWithSegments("/oauth/authorize") ? _consent
        : path.StartsWithSegments("/oauth/token") ? _token
        : path.StartsWithSegments("/oauth/register") ? _register
        : null;
}
