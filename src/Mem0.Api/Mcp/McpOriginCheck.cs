using System.Net;
using Mem0.Api.Errors;
using Mem0.Projections.Configuration;

namespace Mem0.Api.Mcp;

/// <summary>
/// DNS-rebinding protection for `/mcp`, as the MCP transport rules require: a request whose `Host`, or whose
/// `Origin` when it sends one, is not this server's public address (PUBLIC_BASE_URL) gets 403 before anything
/// else runs. When the public address is a loopback one, every loopback name for the same port is accepted
/// (`localhost`, `127.0.0.1` and `[::1]` are the same server to a local client).
/// </summary>
public sealed class McpOriginCheck(RequestDelegate next, Mem0Settings settings)
{
    private readonly Uri _public = new(settings.PublicBaseUrl!);

    public async Task InvokeAsync(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        var host = http.Request.Host;
        if (!IsOurs(host.Host, host.Port ?? DefaultPort(http.Request.Scheme)))
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                $"Host '{host}' is not this server's public address.");
            return;
        }
        if (origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var o) && o.Scheme == _public.Scheme && IsOurs(o.Host, o.Port)))
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                $"Origin '{origin}' is not allowed to call this server's MCP endpoint.");
            return;
        }
        await next(http);
    }

    private bool IsOurs(string host, int port) =>
        port == _public.Port &&
        (string.Equals(host, _public.Host, StringComparison.OrdinalIgnoreCase) || (IsLoopback(_public.Host) && IsLoopback(host)));

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;
}
