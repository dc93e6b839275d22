using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>
/// Phase 2 as Claude.ai walks it: 401 → protected-resource metadata → authorization-server metadata → register →
/// consent form → code at the callback → token with the PKCE verifier → MCP → refresh. Then every refusal the
/// protocol promises, each with its OAuth error. The clock is the test's, so expiry needs no sleeping.
/// </summary>
public sealed class Connecting_with_oauth
{
    [Fact]
    public async Task A_connector_discovers_registers_gets_consent_exchanges_the_code_calls_mcp_and_refreshes()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, OAuthFlow.Settings(), clock: clock);
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var http = flow.Http;

        using var unauthorized = await http.PostAsync("/mcp", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var challenge = unauthorized.Headers.WwwAuthenticate.Single().ToString();
        Assert.Equal("Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/mcp\"", challenge);

        var resource = await http.GetJson("/.well-known/oauth-protected-resource/mcp");
        Assert.Equal(OAuthFlow.Resource, resource.Text("resource"));
        Assert.Equal(["memories:read", "memories:write"], resource.Body.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        var issuer = resource.Body.GetProperty("authorization_servers")[0].GetString()!;
        Assert.Equal("http://localhost/", issuer);

        var metadata = await http.GetJson("/.well-known/oauth-authorization-server");
        Assert.Equal(HttpStatusCode.OK, metadata.Status);
        Assert.Equal(issuer, metadata.Text("issuer"));
        Assert.Equal("http://localhost/oauth/authorize", metadata.Text("authorization_endpoint"));
        Assert.Equal("http://localhost/oauth/token", metadata.Text("token_endpoint"));
        Assert.Equal("http://localhost/oauth/register", metadata.Text("registration_endpoint"));
        Assert.Equal(["S256"], metadata.Body.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("none", metadata.Body.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));

        var clientId = await flow.RegisterAsync();
        var query = flow.AuthorizeQuery(clientId);
        using (var page = await http.GetAsync(query))
        {
            // Browsers apply form-action to the redirect that follows the POST: the callback's origin must be allowed.
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("form-action 'self' https://claude.ai;", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
        }
        using var redirect = await flow.ConsentAsync(query, host.ApiKey);
        var callback = OAuthFlow.CallbackParameters(redirect);
        Assert.Equal(query.Split("state=")[1].Split('&')[0], callback["state"]);

        var tokens = await flow.ExchangeCodeAsync(clientId, callback["code"]);
        Assert.True(tokens.Status == HttpStatusCode.OK, tokens.Body.ToString());
        Assert.Equal("Bearer", tokens.Text("token_type"));
        var access = tokens.Text("access_token");
        var refresh = tokens.Text("refresh_token");
        Assert.Equal(OAuthFlow.Resource, new JsonWebToken(access).Audiences.Single());
        Assert.DoesNotContain(host.ApiKey, tokens.Body.ToString());

        using (var tools = await flow.ToolsListAsync(access))
        {
            var body = await tools.Content.ReadAsStringAsync();
            Assert.True(tools.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("\"add_memory\"", body);
            Assert.Contains("\"search_memories\"", body);
        }
        // The same token serves REST, beside the static key.
        using (var rest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories"))
        {
            rest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
            using var listed = await http.SendAsync(rest);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        var refreshed = await flow.RefreshAsync(clientId, refresh);
        Assert.True(refreshed.Status == HttpStatusCode.OK, refreshed.Body.ToString());
        Assert.NotEqual(refresh, refreshed.Text("refresh_token"));
        Assert.NotEqual(access, refreshed.Text("access_token"));
        using (var again = await flow.ToolsListAsync(refreshed.Text("access_token"))) Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Rotation: once past the reuse leeway, the spent refresh token is refused.
        clock.Advance(TimeSpan.FromMinutes(2));
        var reused = await flow.RefreshAsync(clientId, refresh);
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Equal("invalid_grant", reused.Text("error"));

        // A client signing out revokes its refresh token; it is dead at once.
        var revoked = await flow.TokenAsync(new() { ["token"] = refreshed.Text("refresh_token"), ["client_id"] = clientId }, path: "/oauth/revoke");
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(clientId, refreshed.Text("refresh_token"))).Text("error"));

        // Registrations are stored in PostgreSQL: a restarted server still knows the client.
        await using var restarted = new Mem0Host(host.Schema, OAuthFlow.Settings(new()
        {
            ["OAUTH_ALLOWED_REDIRECT_URIS"] = $"{OAuthFlow.ClaudeCallback},https://chatgpt.com*",
        }), dropSchemaOnDispose: false, clock: clock);
        await restarted.ReadyAsync();
        var after = OAuthFlow.For(restarted);
        var code = await after.CodeAsync(clientId, restarted.ApiKey);
        var fresh = await after.ExchangeCodeAsync(clientId, code);
        Assert.True(fresh.Status == HttpStatusCode.OK, fresh.Body.ToString());
        Assert.Contains(restarted.Logs.Lines, l => l.Contains("OAUTH_ALLOWED_REDIRECT_URIS entry ignored: https://chatgpt.com*"));
    }

    [Fact]
    public async Task Refusals_carry_the_right_oauth_error()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        // At DEBUG, so the closing check proves that no log line, at any level shown, carries a key typed on the form.
        await using var host = new Mem0Host(null, OAuthFlow.Settings(new() { ["LOG_LEVEL"] = "DEBUG" }), clock: clock);
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var clientId = await flow.RegisterAsync();

        // A wrong API key on the consent form: the form again, with an error and no code.
        using (var wrongKey = await flow.ConsentAsync(flow.AuthorizeQuery(clientId), "not-the-key"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
            var html = await wrongKey.Content.ReadAsStringAsync();
            Assert.Contains("That is not this server&#39;s API key.", html);
            Assert.Null(wrongKey.Headers.Location);
            Assert.DoesNotContain("not-the-key", html);
        }

        // PKCE: plain or missing is refused at the authorization endpoint, back at the client's callback.
        foreach (var (method, challenge) in new[] { ("plain", flow.Verifier), ((string?)null, (string?)null) })
        {
            using var refused = await flow.Http.GetAsync(flow.AuthorizeQuery(clientId, method, challenge));
            var error = await OAuthFlow.ErrorAsync(refused);
            Assert.Equal("invalid_request", error["error"]);
            Assert.Contains("code_challenge", error["error_description"]);
        }

        // A wrong verifier, then a code used twice.
        var code = await flow.CodeAsync(clientId, host.ApiKey);
        var wrongVerifier = await flow.ExchangeCodeAsync(clientId, code, Base64UrlEncoder.Encode(new byte[32]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.Status);
        Assert.Equal("invalid_grant", wrongVerifier.Text("error"));
        var second = await flow.CodeAsync(clientId, host.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await flow.ExchangeCodeAsync(clientId, second)).Status);
        var replayed = await flow.ExchangeCodeAsync(clientId, second);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal("invalid_grant", replayed.Text("error"));

        // Redirect URIs outside the allowlist: the look-alike host, a path outside the prefix, a foreign site.
        foreach (var uri in new[] { "https://chatgpt.com.evil.com/connector/oauth/abc", "https://chatgpt.com/other/abc", "https://evil.example/cb" })
        {
            var rejected = await flow.Http.PostJson("/oauth/register", new { redirect_uris = new[] { uri }, token_endpoint_auth_method = "none" });
            Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
            Assert.Equal("invalid_redirect_uri", rejected.Text("error"));
            Assert.Contains(host.Logs.Lines, l => l.Contains("dcr_redirect_uri_rejected") && l.Contains(uri) && l.Contains("https://chatgpt.com/connector/oauth/*"));
        }
        // A registered client asking to be sent somewhere it did not register: never redirected there.
        using (var elsewhere = await flow.Http.GetAsync(flow.AuthorizeQuery(clientId, redirectUri: "https://chatgpt.com/connector/oauth/abc")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
            Assert.Null(elsewhere.Headers.Location);
            Assert.Equal("invalid_request", (await OAuthFlow.ErrorAsync(elsewhere))["error"]);
        }

        // A token for another resource: refused when asked for, and refused when presented.
        using (var otherResource = await flow.Http.GetAsync(flow.AuthorizeQuery(clientId, resource: "https://other.example/mcp")))
        {
            Assert.Equal("invalid_target", (await OAuthFlow.ErrorAsync(otherResource))["error"]);
        }
        var forged = ForgeToken("https://other.example/mcp", clock.GetUtcNow());
        var control = ForgeToken(OAuthFlow.Resource, clock.GetUtcNow());
        using (var accepted = await flow.ToolsListAsync(control)) Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using (var foreign = await flow.ToolsListAsync(forged))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
            Assert.Contains("\"error\":\"unauthorized\"", await foreign.Content.ReadAsStringAsync());
            Assert.StartsWith("Bearer error=\"invalid_token\", resource_metadata=", foreign.Headers.WwwAuthenticate.Single().ToString());
        }

        // An expired token.
        var issued = await flow.ExchangeCodeAsync(clientId, await flow.CodeAsync(clientId, host.ApiKey));
        var access = issued.Text("access_token");
        using (var fresh = await flow.ToolsListAsync(access)) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        using (var expired = await flow.ToolsListAsync(access))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.StartsWith("Bearer error=\"invalid_token\", resource_metadata=", expired.Headers.WwwAuthenticate.Single().ToString());
        }
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(host.ApiKey) || l.Contains("not-the-key"));
    }

    /// <summary>A token signed with the server's own key, so only its audience can make it fail.</summary>
    private static string ForgeToken(string audience, DateTimeOffset now) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "http://localhost/",
        Audience = audience,
        // With a scope that reads, so the control is let in and only the audience can make the other fail.
        Subject = new ClaimsIdentity([new Claim("sub", "owner"), new Claim("scope", "memories:read")]),
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = now.UtcDateTime.AddMinutes(10),
        TokenType = "at+jwt",
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(OAuthFlow.SigningKey), SecurityAlgorithms.RsaSha256),
    });
}
