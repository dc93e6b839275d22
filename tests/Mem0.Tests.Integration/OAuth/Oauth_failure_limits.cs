using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>
/// The consent form and the token endpoint are limited apart from REST and MCP, with their own variables: after
/// the failures even a correct request from that IP gets 429 with Retry-After, another IP goes on, and the end
/// of the window lifts it (the clock is the test's).
/// </summary>
public sealed class Oauth_failure_limits
{
    private const string Attacker = "203.0.113.9";
    private const string Owner = "198.51.100.20";

    [Fact]
    public async Task Wrong_keys_on_the_consent_form_lock_that_ip_out_of_consent_only()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, OAuthFlow.Settings(new()
        {
            ["RATE_LIMIT_CONSENT_FAILURES"] = "2",
            ["RATE_LIMIT_CONSENT_WINDOW_SECONDS"] = "300",
        }), clock: clock);
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var clientId = await flow.RegisterAsync();
        using var page = await flow.Http.GetAsync(flow.AuthorizeQuery(clientId));
        var fields = OAuthFlow.HiddenFields(await page.Content.ReadAsStringAsync());

        for (var i = 0; i < 2; i++)
        {
            using var wrong = await flow.PostConsentAsync(fields, "guess-" + i, Attacker);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var blocked = await flow.PostConsentAsync(fields, host.ApiKey, Attacker))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(300), blocked.Headers.RetryAfter?.Delta);
            Assert.Null(blocked.Headers.Location);
        }
        // Another address consents; the attacker's bearer attempts on REST are a different surface.
        using (var owner = await flow.PostConsentAsync(fields, host.ApiKey, Owner)) Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        using (var rest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories"))
        {
            rest.Headers.Add("X-Forwarded-For", Attacker);
            rest.Headers.Authorization = new("Bearer", host.ApiKey);
            using var answer = await flow.Http.SendAsync(rest);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(301));
        using var lifted = await flow.PostConsentAsync(fields, host.ApiKey, Attacker);
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Contains("code", OAuthFlow.CallbackParameters(lifted).Keys);
    }

    [Fact]
    public async Task Refused_token_exchanges_lock_that_ip_out_of_the_token_endpoint()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, OAuthFlow.Settings(new()
        {
            ["RATE_LIMIT_TOKEN_FAILURES"] = "3",
            ["RATE_LIMIT_TOKEN_WINDOW_SECONDS"] = "60",
        }), clock: clock);
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var clientId = await flow.RegisterAsync();
        Dictionary<string, string> Exchange(string code) => new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code,
            ["redirect_uri"] = OAuthFlow.ClaudeCallback, ["code_verifier"] = flow.Verifier, ["resource"] = OAuthFlow.Resource,
        };

        for (var i = 0; i < 3; i++)
        {
            var guess = await flow.TokenAsync(Exchange("guessed-code-" + i), Attacker);
            Assert.Equal(HttpStatusCode.BadRequest, guess.Status);
            Assert.Equal("invalid_grant", guess.Text("error"));
        }
        var code = await flow.CodeAsync(clientId, host.ApiKey);
        var blocked = await flow.TokenAsync(Exchange(code), Attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), blocked.Response.Headers.RetryAfter?.Delta);

        // The same valid code from another address is exchanged: the 429 never reached OpenIddict.
        var owner = await flow.TokenAsync(Exchange(code), Owner);
        Assert.True(owner.Status == HttpStatusCode.OK, owner.Body.ToString());

        clock.Advance(TimeSpan.FromSeconds(61));
        var lifted = await flow.TokenAsync(Exchange(await flow.CodeAsync(clientId, host.ApiKey)), Attacker);
        Assert.True(lifted.Status == HttpStatusCode.OK, lifted.Body.ToString());
    }

    [Fact]
    public async Task Registrations_from_one_address_are_capped_per_hour()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, OAuthFlow.Settings(), clock: clock);
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        Task<JsonReply> Register(string ip)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/register")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { redirect_uris = new[] { OAuthFlow.ClaudeCallback }, token_endpoint_auth_method = "none" }),
            };
            request.Headers.Add("X-Forwarded-For", ip);
            return flow.SendAsync(request);
        }

        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.Created, (await Register(Attacker)).Status);
        var capped = await Register(Attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, capped.Status);
        Assert.Contains("Too many client registrations", capped.Body.ToString());
        Assert.Equal(HttpStatusCode.Created, (await Register(Owner)).Status);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await Register(Attacker)).Status);
    }
}
