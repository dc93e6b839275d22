using System.Net;

namespace Mem0.Api.Mcp;

/// <summary>
/// The rule for "this request is addressed to us", from PUBLIC_BASE_URL:
/// - the public host, with the public port written or, when the public port is its scheme's default (443 for
///   https, 80 for http), with no port at all: a proxy forwards `Host: mem0.example.com`, and a client that typed
///   `https://mem0.example.com:443` means the same server;
/// - when the public host is a loopback name, any loopback name on the public port (`localhost`, `127.0.0.1`, `[::1]`);
/// - when the request came in on a loopback address of this machine (a local client, or a proxy on the same host
///   passing Host through), any loopback name on the port it came in on.
/// A foreign host is refused whatever its port: that is the DNS-rebinding case, where a page's own domain is
/// made to resolve to this server.
/// </summary>
public sealed class PublicAddress(Uri url)
{
    public Uri Url => url;

    /// <param name="host">The Host header's name.</param>
    /// <param name="port">The Host header's port, when written.</param>
    /// <param name="scheme">The request's scheme (the public one behind a trusted proxy).</param>
    /// <param name="loopbackPort">The local port, when the connection arrived on a loopback address.</param>
    public bool AcceptsHost(string host, int? port, string scheme, int? loopbackPort)
    {
        if (host.Length == 0) return false;
        if (IsPublicHost(host))
        {
            if (port is { } written) return written == url.Port;
            return url.IsDefaultPort || url.Port == DefaultPort(scheme);
        }
        if (!IsLoopback(host)) return false;
        var effective = port ?? DefaultPort(scheme);
        return (IsLoopback(url.Host) && effective == url.Port) || effective == loopbackPort;
    }

    public bool AcceptsOrigin(string origin, int? loopbackPort)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.Scheme is not ("http" or "https")) return false;
        if (IsPublicHost(o.Host)) return o.Scheme == url.Scheme && o.Port == url.Port;
        if (!IsLoopback(o.Host)) return false;
        return (IsLoopback(url.Host) && o.Scheme == url.Scheme && o.Port == url.Port) || o.Port == loopbackPort;
    }

    private bool IsPublicHost(string host) => string.Equals(host.Trim('[', ']'), url.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;
}
