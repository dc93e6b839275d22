using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Mem0.Settings;
using Microsoft.AspNetCore.HttpOverrides;

namespace Mem0.Api.Hosting;

/// <summary>
/// What a reverse proxy says about the request, believed only from the proxies in TRUSTED_PROXIES. ASP.NET Core's
/// middleware walks `X-Forwarded-For` from the right: each hop added by a trusted proxy is taken, and the first
/// address that is not a trusted proxy is the client. The leftmost entry is whatever the client wrote (nginx's
/// `$proxy_add_x_forwarded_for` appends to it), so it is never believed past an untrusted hop. `X-Forwarded-Proto`
/// and `-Host` make the request's scheme and host the public ones, so redirects, OAuth URLs and the /mcp Host
/// check see what the client used. TRUST_FORWARDED_FOR=false ignores every forwarded header.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static ForwardedHeadersOptions Options(AuthOptions settings)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor |
                               ForwardedHeaders.XForwardedProto |
                               ForwardedHeaders.XForwardedHost,
            // No limit on the chain: every trusted hop is walked (a CDN in front of nginx is two), and an untrusted
            // one always stops the walk.
            ForwardLimit = null,
        };
        // The framework trusts loopback by default; only what TRUSTED_PROXIES says is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in Parse(settings.TrustedProxies, out _)) options.KnownIPNetworks.Add(network);
        return options;
    }

    /// <summary>TRUSTED_PROXIES as networks (a bare address is a network of one); the entries that are neither, for the error.</summary>
    public static IReadOnlyList<IPNetwork> Parse(string trustedProxies, out IReadOnlyList<string> invalid)
    {
        var networks = new List<IPNetwork>();
        var bad = new List<string>();
        foreach (var entry in trustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else bad.Add(entry);
        }
        invalid = bad;
        return networks;
    }

    public static void UseMem0ForwardedHeaders(this WebApplication app, AuthOptions settings)
    {
        if (settings.TrustForwardedFor) app.UseForwardedHeaders(Options(settings));
    }
}
