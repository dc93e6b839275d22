using Mem0.Api.Errors;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// Applies the limits of <see cref="AuthSurfaces"/>: a client past its failures on a surface gets 429 with
/// Retry-After for everything there until the window ends. The client is the connection's remote address as the
/// forwarded-headers middleware left it (the rightmost hop that is not a trusted proxy, never an address the client
/// wrote itself), IPv6 grouped by /64.
/// </summary>
public sealed class AuthFailureLimitMiddleware(RequestDelegate next, AuthFailureLimiter limiter, AuthSurfaces surfaces)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var surface = surfaces.Of(http.Request.Path);
        if (surface is null || surface.Limit <= 0)
        {
            await next(http);
            return;
        }
        var client = ClientKey.Of(http.Connection.RemoteIpAddress);
        var wait = limiter.Blocked(surface, client) ?? surface.Counting switch
        {
            AuthCounting.ByOutcome => limiter.Reserve(surface, client),
            AuthCounting.Every => limiter.Fail(surface, client),
            _ => null,
        };
        if (wait is { } refused)
        {
            await WriteRefusalAsync(http, surface, refused);
            return;
        }
        if (surface.Counting != AuthCounting.ByOutcome)
        {
            await next(http);
            return;
        }
        var failed = true;
        try
        {
            await next(http);
            failed = http.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized;
        }
        finally
        {
            limiter.Settle(surface, client, failed);
        }
    }

    /// <summary>The 429 of a surface, in the error shape, with Retry-After in whole seconds.</summary>
    public static Task WriteRefusalAsync(HttpContext http, AuthSurface surface, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ErrorBody.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            $"{surface.Refusal} from this address; retry after {seconds} s.");
    }
}
