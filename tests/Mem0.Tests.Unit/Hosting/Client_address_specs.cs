using System.Net;
using Mem0.Api.Configuration;
using Mem0.Api.Hosting;
using Mem0.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mem0.Tests.Unit.Hosting;

/// <summary>
/// Who the client is behind a reverse proxy: ASP.NET Core's forwarded-headers middleware with the options built
/// from TRUST_FORWARDED_FOR and TRUSTED_PROXIES. Guards the field failure where the leftmost X-Forwarded-For entry,
/// which the client writes itself, picked the address the auth-failure limits counted against.
/// </summary>
public sealed class Client_address_specs
{
    private sealed record Seen(string? Client, string Scheme, string Host);

    private static async Task<Seen> Through(string remote, (string Name, string Value)[] headers, string? trusted = null, bool trust = true)
    {
        var settings = new AuthOptions { TrustForwardedFor = trust, TrustedProxies = trusted ?? AuthOptions.DefaultTrustedProxies };
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("10.0.0.5:8000");
        foreach (var (name, value) in headers) http.Request.Headers[name] = value;
        RequestDelegate app = _ => Task.CompletedTask;
        if (trust)
        {
            var middleware = new ForwardedHeadersMiddleware(app, NullLoggerFactory.Instance, Microsoft.Extensions.Options.Options.Create(ForwardedHeadersSetup.Options(settings)));
            await middleware.Invoke(http);
        }
        else
        {
            await app(http);
        }
        return new Seen(http.Connection.RemoteIpAddress?.ToString(), http.Request.Scheme, http.Request.Host.Value!);
    }

    // What CapRover's nginx sends: the client's own header with the real address appended, and the public scheme and host.
    private static (string, string)[] Nginx(string forwardedFor) =>
        [("X-Forwarded-For", forwardedFor), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "mem0.example.com")];

    [Fact]
    public async Task A_forged_leftmost_entry_is_ignored_and_the_address_nginx_appended_is_the_client()
    {
        var seen = await Through("10.0.1.2", Nginx("9.9.9.9, 203.0.113.50"));
        Assert.Equal(new Seen("203.0.113.50", "https", "mem0.example.com"), seen);
    }

    [Fact]
    public async Task A_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_hop()
    {
        // client → CDN edge (trusted by range) → nginx (trusted) → app
        var seen = await Through("172.18.0.3", Nginx("9.9.9.9, 203.0.113.50, 192.168.7.1"));
        Assert.Equal("203.0.113.50", seen.Client);
        var listed = await Through("127.0.0.1", [("X-Forwarded-For", "198.51.100.7, 100.64.0.9")], trusted: "127.0.0.1, 100.64.0.0/10");
        Assert.Equal("198.51.100.7", listed.Client);
    }

    [Fact]
    public async Task An_untrusted_peer_cannot_set_its_address_scheme_or_host()
    {
        var seen = await Through("203.0.113.77", Nginx("9.9.9.9"));
        Assert.Equal(new Seen("203.0.113.77", "http", "10.0.0.5:8000"), seen);
        // Only the listed proxy is believed once TRUSTED_PROXIES is set: a private neighbour is not.
        var neighbour = await Through("10.0.0.9", Nginx("9.9.9.9"), trusted: "10.0.0.2");
        Assert.Equal("10.0.0.9", neighbour.Client);
    }

    [Fact]
    public async Task IPv6_clients_and_proxies_are_handled_alike()
    {
        var seen = await Through("fd00::2", Nginx("2001:db8::bad, 2001:db8::7"));
        Assert.Equal("2001:db8::7", seen.Client);
        var mapped = await Through("::ffff:10.0.0.2", Nginx("203.0.113.8"));
        Assert.Equal("203.0.113.8", mapped.Client);
    }

    [Fact]
    public async Task Without_a_header_the_connection_is_the_client()
    {
        var seen = await Through("10.0.1.2", []);
        Assert.Equal(new Seen("10.0.1.2", "http", "10.0.0.5:8000"), seen);
    }

    [Fact]
    public async Task Trust_forwarded_for_false_ignores_every_forwarded_header_even_from_loopback()
    {
        var seen = await Through("127.0.0.1", Nginx("203.0.113.50"), trust: false);
        Assert.Equal(new Seen("127.0.0.1", "http", "10.0.0.5:8000"), seen);
    }

    [Fact]
    public void Trusted_proxies_must_be_addresses_or_ranges()
    {
        Assert.Equal(7, ForwardedHeadersSetup.Parse(AuthOptions.DefaultTrustedProxies + ",203.0.113.4", out var none).Count);
        Assert.Empty(none);
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions
        {
            LocalProfile = true, ApiKey = "k-0123456789abcdef0123456789abcdef", TrustedProxies = "10.0.0.2, nginx, 10.0.0.0/33",
        });
        var problem = Assert.Single(result.Failures!, p => p.StartsWith("TRUSTED_PROXIES"));
        Assert.Contains("'nginx', '10.0.0.0/33'", problem);
    }
}
