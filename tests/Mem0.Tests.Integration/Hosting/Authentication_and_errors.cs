using System.Net;
using System.Net.Http.Headers;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

public sealed class Authentication_and_errors(UnlimitedHost host) : IClassFixture<UnlimitedHost>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Every_memory_route_is_401_without_the_right_bearer_key(string? authorization)
    {
        await host.ReadyAsync();
        var client = host.CreateClient();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/api/v1/memories"), (HttpMethod.Post, "/api/v1/memories"), (HttpMethod.Post, "/api/v1/memories/search"),
                     (HttpMethod.Post, "/api/v1/memories/delete_bulk"), (HttpMethod.Get, $"/api/v1/memories/{Guid.NewGuid()}"),
                     (HttpMethod.Put, $"/api/v1/memories/{Guid.NewGuid()}"), (HttpMethod.Delete, $"/api/v1/memories/{Guid.NewGuid()}"),
                     (HttpMethod.Get, $"/api/v1/memories/{Guid.NewGuid()}/history"),
                 })
        {
            var reply = await client.Send(method, path, new StringContent("""{"content": "x", "query": "x", "agent_id": "a"}""", System.Text.Encoding.UTF8, "application/json"));
            reply.AssertError(HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", reply.Response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task The_health_check_needs_no_key_and_reports_its_parts()
    {
        await host.ReadyAsync();
        var reply = await host.CreateClient().GetJson("/healthz");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Body.GetProperty("ok").GetBoolean());
        Assert.Equal("reachable", reply.Text("postgres"));
        Assert.Equal("reachable", reply.Text("bus"));
        Assert.Equal("embedded", reply.Text("vector_store"));
        Assert.Equal(reply.Body.GetProperty("memories").GetInt64(), reply.Body.GetProperty("indexed").GetInt32());
        Assert.Equal(0, reply.Body.GetProperty("index_lag").GetInt64());
    }

    [Fact]
    public async Task A_callers_request_id_is_echoed_and_used_in_the_error_body()
    {
        var api = await host.ReadyAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/memories/{Guid.NewGuid()}");
        request.Headers.Add("X-Request-Id", "trace-abc-123");

        var response = await api.SendAsync(request);

        Assert.Equal("trace-abc-123", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Contains("\"request_id\":\"trace-abc-123\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_in_the_error_shape()
    {
        var api = await host.ReadyAsync();
        (await api.GetJson("/api/v1/nothing-here")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.Send(HttpMethod.Patch, "/api/v1/memories", null)).AssertError(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Neither_the_key_nor_a_wrong_token_ever_reaches_the_log()
    {
        var api = await host.ReadyAsync();
        const string wrongToken = "definitely-wrong-token-7f3a9c";
        var id = await api.AddOne("Olivia's key-leak probe memory.");
        await api.GetJson($"/api/v1/memories/{id}");
        await api.PostJson("/api/v1/memories/search", new { query = "probe" });
        await api.PostRaw("/api/v1/memories", "{broken");
        var stranger = host.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrongToken);
        await stranger.GetJson("/api/v1/memories");
        await stranger.PostJson("/mcp", new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        await using (var mcp = await Mcp.McpConnection.ConnectAsync(host))
        {
            await mcp.ListToolsAsync();
            await mcp.CallToolAsync("search_memories", new Dictionary<string, object?> { ["query"] = "probe" });
        }
        await api.GetAsync("/metrics");

        var lines = host.Logs.Lines.ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains(host.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(wrongToken, StringComparison.Ordinal));
    }
}
