using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>
/// A connector's grant is what the owner gave and no more: its scopes limit it, the owner can list and end it, a
/// client's sign-out ends it, a new API key ends it, and no connector token reaches the owner-only routes.
/// </summary>
public sealed class Grants_and_scopes
{
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await http.SendAsync(request);
    }

    private static async Task AssertInsufficientScopeAsync(HttpResponseMessage response, string? scope)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(scope is null ? "Bearer error=\"insufficient_scope\"" : $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"",
            response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Contains("\"error\":\"insufficient_scope\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_read_only_grant_can_search_and_read_and_gets_403_insufficient_scope_on_add_over_rest_and_mcp()
    {
        await using var host = new Mem0Host(null, OAuthFlow.Settings());
        var owner = await host.ReadyAsync();
        var id = await owner.AddOne("Karin keeps the spare bike key under the blue pot.");
        var flow = OAuthFlow.For(host);
        var (_, access, _) = await flow.ConnectAsync(host.ApiKey, allowWrite: false);

        using (var search = await SendAsync(flow.Http, HttpMethod.Post, "/api/v1/memories/search", access, new { query = "spare bike key" }))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.Contains(id.ToString(), await search.Content.ReadAsStringAsync());
        }
        using (var get = await SendAsync(flow.Http, HttpMethod.Get, $"/api/v1/memories/{id}/history", access)) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using (var add = await SendAsync(flow.Http, HttpMethod.Post, "/api/v1/memories", access, new { content = "Karin moved the key." }))
        {
            await AssertInsufficientScopeAsync(add, "memories:write");
        }
        using (var delete = await SendAsync(flow.Http, HttpMethod.Delete, $"/api/v1/memories/{id}", access)) await AssertInsufficientScopeAsync(delete, "memories:write");

        using (var mcpSearch = await flow.ToolCallAsync(access, "search_memories", new { query = "spare bike key" }))
        {
            var text = await mcpSearch.Content.ReadAsStringAsync();
            Assert.True(mcpSearch.StatusCode == HttpStatusCode.OK, text);
            Assert.Contains("blue pot", text);
        }
        using (var mcpAdd = await flow.ToolCallAsync(access, "add_memory", new { content = "Karin moved the key." })) await AssertInsufficientScopeAsync(mcpAdd, "memories:write");
        using (var mcpDelete = await flow.ToolCallAsync(access, "delete_memory", new { memory_id = id })) await AssertInsufficientScopeAsync(mcpDelete, "memories:write");

        Assert.Equal([id], await owner.ListIds());
        var grants = await owner.GetJson("/api/v1/oauth/grants");
        Assert.Equal(["memories:read", "offline_access"], grants.Body[0].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
    }

    [Fact]
    public async Task A_full_grant_writes_but_never_reaches_bulk_delete_rebuilds_the_grants_api_or_the_dashboard()
    {
        await using var host = new Mem0Host(null, OAuthFlow.Settings());
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var (_, access, _) = await flow.ConnectAsync(host.ApiKey);

        using (var add = await SendAsync(flow.Http, HttpMethod.Post, "/api/v1/memories", access, new { content = "Lena's train leaves at 7:40." }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        }
        using (var bulk = await SendAsync(flow.Http, HttpMethod.Post, "/api/v1/memories/delete_bulk", access, new { agent_id = "nobody", confirm = true })) await AssertInsufficientScopeAsync(bulk, null);
        using (var rebuild = await SendAsync(flow.Http, HttpMethod.Post, "/api/v1/admin/rebuild-index", access)) await AssertInsufficientScopeAsync(rebuild, null);
        using (var grants = await SendAsync(flow.Http, HttpMethod.Get, "/api/v1/oauth/grants", access)) await AssertInsufficientScopeAsync(grants, null);
        using (var dashboard = await SendAsync(flow.Http, HttpMethod.Get, "/hangfire", access))
        {
            Assert.True(dashboard.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, dashboard.StatusCode.ToString());
        }

        using var ownersBulk = await SendAsync(flow.Http, HttpMethod.Post, "/api/v1/memories/delete_bulk", host.ApiKey, new { agent_id = "nobody" });
        Assert.Equal(HttpStatusCode.OK, ownersBulk.StatusCode);
    }

    [Fact]
    public async Task The_owner_lists_the_grants_and_revoking_one_refuses_its_access_token_at_once()
    {
        await using var host = new Mem0Host(null, OAuthFlow.Settings());
        var owner = await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var (clientId, access, refresh) = await flow.ConnectAsync(host.ApiKey);
        var (_, other, _) = await flow.ConnectAsync(host.ApiKey);

        var listed = await owner.GetJson("/api/v1/oauth/grants");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var grants = listed.Body.EnumerateArray().ToList();
        Assert.Equal(2, grants.Count);
        var mine = grants.Single(g => g.GetProperty("client_id").GetString() == clientId);
        Assert.Equal(("Claude", "claude.ai"), (mine.GetProperty("client_name").GetString(), mine.GetProperty("redirect_host").GetString()));
        Assert.Equal(["memories:read", "memories:write", "offline_access"], mine.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.True(mine.GetProperty("last_used_at").GetDateTimeOffset() >= mine.GetProperty("created_at").GetDateTimeOffset(), mine.ToString());

        var grantId = mine.GetProperty("id").GetString();
        var revoked = await owner.DeleteJson($"/api/v1/oauth/grants/{grantId}");
        Assert.Equal(HttpStatusCode.OK, revoked.Status);

        using (var after = await flow.ToolsListAsync(access)) Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(clientId, refresh)).Text("error"));
        using (var untouched = await flow.ToolsListAsync(other)) Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
        Assert.Single((await owner.GetJson("/api/v1/oauth/grants")).Body.EnumerateArray());
        (await owner.DeleteJson($"/api/v1/oauth/grants/{grantId}")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_client_that_revokes_its_refresh_token_has_its_access_token_refused_at_once()
    {
        await using var host = new Mem0Host(null, OAuthFlow.Settings());
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var (clientId, access, refresh) = await flow.ConnectAsync(host.ApiKey);
        using (var before = await flow.ToolsListAsync(access)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var revoked = await flow.TokenAsync(new() { ["token"] = refresh, ["client_id"] = clientId }, path: "/oauth/revoke");
        Assert.Equal(HttpStatusCode.OK, revoked.Status);

        using var after = await flow.ToolsListAsync(access);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.StartsWith("Bearer error=\"invalid_token\"", after.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task A_new_api_key_ends_every_grant_and_a_restart_with_the_same_key_ends_none()
    {
        var first = new Mem0Host(null, OAuthFlow.Settings(), dropSchemaOnDispose: false);
        await first.ReadyAsync();
        var (clientId, access, refresh) = await OAuthFlow.For(first).ConnectAsync(first.ApiKey);
        await first.DisposeAsync();

        await using (var sameKey = new Mem0Host(first.Schema, OAuthFlow.Settings(new() { ["MEM0_API_KEY"] = first.ApiKey }), dropSchemaOnDispose: false))
        {
            await sameKey.ReadyAsync();
            using var still = await OAuthFlow.For(sameKey).ToolsListAsync(access);
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        await using var rotated = new Mem0Host(first.Schema, OAuthFlow.Settings(), dropSchemaOnDispose: false);
        await rotated.ReadyAsync();
        var flow = OAuthFlow.For(rotated);
        using (var refused = await flow.ToolsListAsync(access)) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(clientId, refresh)).Text("error"));
        Assert.Contains(rotated.Logs.Lines, l => l.Contains("MEM0_API_KEY changed: 1 connector grants revoked"));
        // Consent with the new key connects again.
        var (_, fresh, _) = await flow.ConnectAsync(rotated.ApiKey);
        using var again = await flow.ToolsListAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
