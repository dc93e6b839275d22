using System.Net;
using Mem0.Api.Errors;
using Mem0.Settings;

namespace Mem0.Api.Mcp;

/// <summary>
/// DNS-rebinding protection for `/mcp`, as the MCP transport rules require: a request whose `Host`, or whose
/// `Origin` when it sends one, is not this server's public address (PUBLIC_BASE_URL) gets 403 before anything
/// else runs. It runs after the forwarded-headers middleware, so behind a trusted proxy it sees the public scheme
/// and host. See <see cref="PublicAddress"/> for what matches.
/// </summary>
public sealed class McpOriginCheck(RequestDelegate next, AuthOptions settings, ILogger<McpOriginCheck> log)
{
    private readonly PublicAddress _public = new(new Uri(settings.PublicBaseUrl!));

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var local = http.Connection.LocalIpAddress is { } address && IPAddress.IsLoopback(address) ? http.Connection.LocalPort : (int?)null;
        if (!_public.AcceptsHost(request.Host.Host, request.Host.Port, request.Scheme, local))
        {
            await RefuseAsync(http, $"Host '{request.Host}' is not this server's public address.");
            return;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !_public.AcceptsOrigin(origin, local))
        {
            await RefuseAsync(http, $"Origin '{origin}' is not allowed to call this server's MCP endpoint.");
            return;
        }
        await next(http);
    }

    private async Task RefuseAsync(HttpContext http, string detail)
    {
        // What was seen against what was expected: behind a proxy this line is how an operator finds a
        // PUBLIC_BASE_URL that does not match the address clients use, or a proxy that rewrites Host.
        log.LogWarning("Refused {Method} {Path}: Host {Host}, Origin {Origin}, scheme {Scheme}; expected {Expected} (PUBLIC_BASE_URL)",
            http.Request.Method, http.Request.Path.Value, http.Request.Host.Value, http.Request.Headers.Origin.ToString(),
            http.Request.Scheme, _public.Url);
        await ErrorBody.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, detail);
    }
}
