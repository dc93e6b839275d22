using Mem0.Api.Mcp;

namespace Mem0.Tests.Unit.Hosting;

/// <summary>
/// The /mcp Host and Origin rule. Guards the field failure where `Host: mem0.example.com`, as every TLS proxy
/// forwards it, was refused because only `mem0.example.com:443` matched the public URL.
/// </summary>
public sealed class Public_address_specs
{
    private static readonly PublicAddress Https = new(new Uri("https://mem0.example.com"));

    [Theory]
    [InlineData("mem0.example.com", null, "https", true)]
    [InlineData("mem0.example.com", null, "http", true)] // TRUST_FORWARDED_FOR=false: the app sees http, the name still matches
    [InlineData("MEM0.example.COM", 443, "https", true)]
    [InlineData("mem0.example.com", 8443, "https", false)]
    [InlineData("mem0.example.com", 80, "http", false)]
    [InlineData("evil.example.net", null, "https", false)]
    [InlineData("evil.example.net", 443, "https", false)]
    [InlineData("mem0.example.com.evil.net", null, "https", false)]
    [InlineData("", null, "https", false)]
    public void The_public_host_matches_with_or_without_its_default_port(string host, int? port, string scheme, bool accepted) =>
        Assert.Equal(accepted, Https.AcceptsHost(host, port, scheme, loopbackPort: null));

    [Fact]
    public void A_public_url_on_another_port_needs_that_port()
    {
        var custom = new PublicAddress(new Uri("https://mem0.example.com:8443"));
        Assert.True(custom.AcceptsHost("mem0.example.com", 8443, "https", null));
        Assert.False(custom.AcceptsHost("mem0.example.com", null, "https", null));
        var plain = new PublicAddress(new Uri("http://mem0.lan"));
        Assert.True(plain.AcceptsHost("mem0.lan", null, "http", null));
        Assert.True(plain.AcceptsHost("mem0.lan", 80, "http", null));
    }

    [Fact]
    public void Loopback_names_pass_for_a_loopback_public_url_or_a_loopback_connection()
    {
        var local = new PublicAddress(new Uri("http://localhost:8000"));
        Assert.True(local.AcceptsHost("127.0.0.1", 8000, "http", null));
        Assert.True(local.AcceptsHost("[::1]", 8000, "http", null));
        Assert.False(local.AcceptsHost("127.0.0.1", 9000, "http", null));
        // Behind a proxy, a client on the server's own machine may still use localhost on the port it reached.
        Assert.True(Https.AcceptsHost("localhost", 8000, "http", loopbackPort: 8000));
        Assert.False(Https.AcceptsHost("localhost", 8000, "http", loopbackPort: null));
        Assert.False(Https.AcceptsHost("localhost", 9000, "http", loopbackPort: 8000));
    }

    [Theory]
    [InlineData("https://mem0.example.com", true)]
    [InlineData("https://mem0.example.com:443", true)]
    [InlineData("http://mem0.example.com", false)]
    [InlineData("https://evil.example.net", false)]
    [InlineData("null", false)]
    [InlineData("file:///etc/passwd", false)]
    public void An_origin_must_be_the_public_scheme_host_and_port(string origin, bool accepted) =>
        Assert.Equal(accepted, Https.AcceptsOrigin(origin, loopbackPort: null));
}
