using System.Net;
using System.Net.Http.Headers;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// The guide's limits on failed bearer attempts: per client IP (the rightmost X-Forwarded-For hop that is not a
/// trusted proxy; here a private-range hop behind the loopback proxy) and per surface, counted from failures only, lifted when the window ends. The clock is moved by hand.
/// </summary>
public sealed class Auth_failure_limits
{
    private static readonly Dictionary<string, string?> ThreeFailures = new()
    {
        ["RATE_LIMIT_AUTH_FAILURES"] = "3",
        ["RATE_LIMIT_AUTH_WINDOW_SECONDS"] = "60",
    };

    [Fact]
    public async Task After_the_failures_even_the_right_key_gets_429_until_the_window_ends_and_only_for_that_ip_and_surface()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = new Mem0Host(null, ThreeFailures, clock: clock);
        await host.ReadyAsync();
        using var client = host.CreateClient();
        Task<HttpResponseMessage> Send(string path, string token, string ip, HttpMethod? method = null)
        {
            var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Forwarded-For", $"{ip}, 10.0.0.1");
            return client.SendAsync(request);
        }

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await Send("/api/v1/memories", "wrong-" + i, "203.0.113.7");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var blocked = await Send("/api/v1/memories", host.ApiKey, "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), blocked.Headers.RetryAfter?.Delta);
        Assert.Contains("\"error\":\"rate_limited\"", await blocked.Content.ReadAsStringAsync());

        using (var otherIp = await Send("/api/v1/memories", host.ApiKey, "198.51.100.4")) Assert.Equal(HttpStatusCode.OK, otherIp.StatusCode);
        using (var health = await client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var mcp = await Send("/mcp", host.ApiKey, "203.0.113.7", HttpMethod.Post)) Assert.NotEqual(HttpStatusCode.TooManyRequests, mcp.StatusCode);

        clock.Advance(TimeSpan.FromSeconds(45));
        using (var still = await Send("/api/v1/memories", host.ApiKey, "203.0.113.7"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, still.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(15), still.Headers.RetryAfter?.Delta);
        }
        clock.Advance(TimeSpan.FromSeconds(16));
        using var lifted = await Send("/api/v1/memories", host.ApiKey, "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
    }

    [Fact]
    public async Task Successes_never_count_and_mcp_failures_are_counted_apart()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = new Mem0Host(null, ThreeFailures, clock: clock);
        await host.ReadyAsync();
        using var client = host.CreateClient();
        async Task<HttpStatusCode> Status(HttpMethod method, string path, string token)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Forwarded-For", "192.0.2.9");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, await Status(HttpMethod.Get, "/api/v1/memories", host.ApiKey));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await Status(HttpMethod.Post, "/mcp", "wrong"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(HttpMethod.Post, "/mcp", host.ApiKey));
        Assert.Equal(HttpStatusCode.OK, await Status(HttpMethod.Get, "/api/v1/memories", host.ApiKey));
    }

    [Fact]
    public async Task Requests_without_credentials_get_their_401_and_count_nothing()
    {
        await using var host = new Mem0Host(null, ThreeFailures);
        await host.ReadyAsync();
        using var client = host.CreateClient();
        async Task<HttpStatusCode> Status(string path, string? token)
        {
            using var request = new HttpRequestMessage(path == "/mcp" ? HttpMethod.Post : HttpMethod.Get, path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Forwarded-For", "192.0.2.33");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        // How every MCP connector starts: no Authorization, to read the WWW-Authenticate header and find OAuth.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Status("/mcp", null));
            Assert.Equal(HttpStatusCode.Unauthorized, await Status("/api/v1/memories", null));
        }

        Assert.Equal(HttpStatusCode.OK, await Status("/api/v1/memories", host.ApiKey));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await Status("/mcp", "wrong-" + i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status("/mcp", "wrong-4"));
    }

    [Fact]
    public async Task Five_hundred_parallel_wrong_keys_from_one_client_get_at_most_the_limits_401s_then_429s()
    {
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_FAILURES"] = "10" });
        await host.ReadyAsync();
        using var client = host.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess-" + i);
            // One /64: every address of it is the same client.
            request.Headers.Add("X-Forwarded-For", $"2001:db8:7:7::{i:x}");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(490, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        using var owner = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories");
        owner.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.ApiKey);
        owner.Headers.Add("X-Forwarded-For", "2001:db8:7:8::1");
        using var other64 = await client.SendAsync(owner);
        Assert.Equal(HttpStatusCode.OK, other64.StatusCode);
    }

    [Fact]
    public async Task A_limit_of_zero_turns_the_limits_off()
    {
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_FAILURES"] = "0" });
        var api = await host.ReadyAsync();
        using var stranger = host.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        for (var i = 0; i < 15; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/memories")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/memories")).StatusCode);
    }
}
