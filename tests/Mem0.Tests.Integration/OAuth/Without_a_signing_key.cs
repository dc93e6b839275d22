using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>Phase 1: with OAUTH_SIGNING_KEY unset, no OAuth endpoint exists and the static key is the only way in.</summary>
public sealed class Without_a_signing_key(SharedHost host) : IClassFixture<SharedHost>
{
    [Theory]
    [InlineData("GET", "/.well-known/oauth-authorization-server")]
    [InlineData("GET", "/.well-known/openid-configuration")]
    [InlineData("GET", "/.well-known/oauth-protected-resource")]
    [InlineData("GET", "/.well-known/oauth-protected-resource/mcp")]
    [InlineData("GET", "/oauth/authorize?response_type=code&client_id=x")]
    [InlineData("POST", "/oauth/token")]
    [InlineData("POST", "/oauth/register")]
    public async Task The_oauth_endpoints_do_not_exist(string method, string path)
    {
        using var client = host.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_401_names_no_resource_metadata_and_a_jwt_shaped_token_is_just_a_wrong_key()
    {
        using var client = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories");
        request.Headers.Authorization = new("Bearer", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvd25lciJ9.c2ln");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString());
        using var ok = await host.Authorized().GetAsync("/api/v1/memories");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
