using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mem0.Tests.Integration.Fixtures;
using ModelContextProtocol.Client;

namespace Mem0.Tests.Integration.Mcp;

/// <summary>The MCP surface: the eight tools, shared with REST, over the official client to the real host.</summary>
public sealed class Memory_tools_over_mcp(SharedHost host) : IClassFixture<SharedHost>, IAsyncLifetime
{
    private McpClient _mcp = null!;

    public async Task InitializeAsync() => _mcp = await host.ConnectAsync();
    public async Task DisposeAsync() => await _mcp.DisposeAsync();

    [Fact]
    public async Task Tools_list_shows_the_ten_tools_with_their_parameters()
    {
        var tools = (await _mcp.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(["add_memory", "delete_memory", "fetch", "get_memory", "list_memories", "revert_memory", "search", "search_memories",
                "undelete_memory", "update_memory"],
            tools.Keys.Order());
        string[] Params(string tool) => tools[tool].JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();
        string[] Required(string tool) => tools[tool].JsonSchema.TryGetProperty("required", out var r)
            ? r.EnumerateArray().Select(x => x.GetString()!).Order().ToArray() : [];
        Assert.Equal(["agent_id", "content", "metadata", "run_id"], Params("add_memory"));
        Assert.Equal(["content"], Required("add_memory"));
        Assert.Equal(["limit", "mode", "query", "recency_weight"], Params("search_memories"));
        Assert.Equal(["query"], Required("search_memories"));
        Assert.Equal(["limit", "offset"], Params("list_memories"));
        Assert.Equal(["memory_id"], Params("get_memory"));
        Assert.Equal(["content", "memory_id"], Params("update_memory"));
        Assert.Equal(["memory_id"], Params("delete_memory"));
        Assert.Equal(["memory_id", "version"], Params("revert_memory"));
        Assert.Equal(["memory_id", "version"], Required("revert_memory"));
        Assert.Equal(["memory_id"], Params("undelete_memory"));
        Assert.Equal(["query"], Params("search"));
        Assert.Equal(["id"], Params("fetch"));
        Assert.All(tools.Values, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public async Task A_memory_added_over_mcp_is_found_by_rest_and_the_other_way_round()
    {
        var api = await host.ReadyAsync();
        var added = (await _mcp.Call("add_memory", new { content = "Philippa keeps bees on her allotment in Leeds.", agent_id = "claude-code" })).Structured();
        var id = added.GetProperty("results")[0].GetProperty("id").GetGuid();

        Assert.Contains("Philippa keeps bees on her allotment in Leeds.", await api.SearchTexts("who keeps bees?", 3));
        var stored = (await api.GetJson($"/api/v1/memories/{id}")).Body;
        Assert.Equal("claude-code", stored.GetProperty("agent_id").GetString());

        await api.AddOne("Rupert repairs vintage typewriters in Bristol.", new { agent_id = "n8n-flow" });
        var found = (await _mcp.Call("search_memories", new { query = "who fixes old typewriters?", limit = 3 })).Structured();
        Assert.Equal("Rupert repairs vintage typewriters in Bristol.", found.GetProperty("results")[0].GetProperty("memory").GetString());
    }

    [Fact]
    public async Task Agent_id_is_provenance_only_and_never_narrows_mcp_search_or_list()
    {
        var api = await host.ReadyAsync();
        await _mcp.Call("add_memory", new { content = "Octavia's kayak is bright orange.", agent_id = "codex" });
        await api.AddOne("Octavia paddles her kayak on Lake Bled.", new { agent_id = "chatgpt" });

        var texts = (await _mcp.Call("search_memories", new { query = "octavia", mode = "keyword" })).Structured()
            .GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()).ToList();
        Assert.Contains("Octavia's kayak is bright orange.", texts);
        Assert.Contains("Octavia paddles her kayak on Lake Bled.", texts);

        var listed = (await _mcp.Call("list_memories", new { limit = 100 })).Structured().GetProperty("results")
            .EnumerateArray().Select(r => r.TryGetProperty("agent_id", out var a) ? a.GetString() : null).ToHashSet();
        Assert.Superset(new HashSet<string?> { "codex", "chatgpt" }, listed);
    }

    [Fact]
    public async Task Get_update_and_delete_work_on_the_same_memory_rest_sees()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Barnaby's favourite tea is lapsang souchong.");

        var got = (await _mcp.Call("get_memory", new { memory_id = id.ToString() })).Structured();
        Assert.Equal("Barnaby's favourite tea is lapsang souchong.", got.GetProperty("memory").GetString());

        var updated = await _mcp.Call("update_memory", new { memory_id = id.ToString(), content = "Barnaby's favourite tea is now Earl Grey." });
        Assert.Contains("Earl Grey", updated.Text());
        Assert.Equal("Barnaby's favourite tea is now Earl Grey.", (await api.GetJson($"/api/v1/memories/{id}")).Body.GetProperty("memory").GetString());
        var history = (await api.GetJson($"/api/v1/memories/{id}/history")).Body;
        Assert.Equal("mcp", history[1].GetProperty("surface").GetString());

        var deleted = (await _mcp.Call("delete_memory", new { memory_id = id.ToString() })).Structured();
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetJson($"/api/v1/memories/{id}")).Status);
    }

    [Fact]
    public async Task Revert_and_undelete_take_back_an_agent_s_wrong_update_and_delete()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Leopold's gate code is 2718.");
        await _mcp.Call("update_memory", new { memory_id = id.ToString(), content = "Leopold's gate code is 0000." });

        var reverted = await _mcp.Call("revert_memory", new { memory_id = id.ToString(), version = 1 });
        Assert.Contains("Reverted", reverted.Text());
        Assert.Equal("Leopold's gate code is 2718.", reverted.Structured().GetProperty("memory").GetString());

        await _mcp.Call("delete_memory", new { memory_id = id.ToString() });
        var back = await _mcp.Call("undelete_memory", new { memory_id = id.ToString() });
        Assert.Contains("Restored", back.Text());
        Assert.Equal("Leopold's gate code is 2718.", (await api.GetJson($"/api/v1/memories/{id}")).Text("memory"));
        var history = (await api.GetJson($"/api/v1/memories/{id}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE", "UPDATE", "DELETE", "RESTORE"], history.Select(h => h.GetProperty("event").GetString()));
        Assert.All(history.Skip(1), h => Assert.Equal("mcp", h.GetProperty("surface").GetString()));

        var again = await _mcp.Call("undelete_memory", new { memory_id = id.ToString() });
        Assert.True(again.IsError ?? false);
        Assert.Contains("not deleted", again.Text());
    }

    [Fact]
    public async Task A_dedup_hit_says_so_and_names_the_existing_memory()
    {
        var first = (await _mcp.Call("add_memory", new { content = "Wilhelmina speaks fluent Icelandic." })).Structured();
        var id = first.GetProperty("results")[0].GetProperty("id").GetGuid();

        var again = await _mcp.Call("add_memory", new { content = "  wilhelmina SPEAKS   fluent icelandic. " });

        var structured = again.Structured();
        Assert.True(structured.GetProperty("deduplicated").GetBoolean());
        Assert.Equal(id, structured.GetProperty("memory_id").GetGuid());
        Assert.Contains("Already stored", again.Text());
        Assert.Contains(id.ToString(), again.Text());
    }

    [Fact]
    public async Task Search_and_fetch_answer_in_the_connector_shape()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Cornelius brews cider from his own apples.", new { metadata = new { source = "meeting" } });

        var hits = (await _mcp.Call("search", new { query = "who makes cider?" })).Structured().GetProperty("results");
        var hit = hits.EnumerateArray().First(h => h.GetProperty("id").GetString() == id.ToString());
        Assert.Equal("Cornelius brews cider from his own apples.", hit.GetProperty("title").GetString());
        Assert.Equal($"http://localhost/api/v1/memories/{id}", hit.GetProperty("url").GetString());

        var doc = (await _mcp.Call("fetch", new { id = id.ToString() })).Structured();
        Assert.Equal(("Cornelius brews cider from his own apples.", "meeting"),
            (doc.GetProperty("text").GetString(), doc.GetProperty("metadata").GetProperty("source").GetString()));
        Assert.Equal(doc.GetProperty("url").GetString(), hit.GetProperty("url").GetString());
    }

    public static TheoryData<string, string, string> Failures => new()
    {
        { "get_memory", """{"memory_id":"0190f0f0-0000-7000-8000-000000000000"}""", "not found" },
        { "get_memory", """{"memory_id":"not-an-id"}""", "not found" },
        { "add_memory", """{"content":"hello\u0000world"}""", "content must not contain the NUL character (U+0000), found at position 5" },
        { "search_memories", """{"query":"tea\u0000","mode":"keyword"}""", "query must not contain the NUL character" },
        { "update_memory", """{"memory_id":"0190f0f0-0000-7000-8000-000000000000","content":"x"}""", "not found" },
        { "update_memory", """{"memory_id":"0190f0f0-0000-7000-8000-000000000000","content":"  "}""", "content is required" },
        { "delete_memory", """{"memory_id":"0190f0f0-0000-7000-8000-000000000000"}""", "not found" },
        { "add_memory", """{"content":""}""", "content must not be empty" },
        { "add_memory", """{"content":"x","agent_id":""}""", "agent_id" },
        { "search_memories", """{"query":"tea","limit":0}""", "limit must be between 1 and 100" },
        { "search_memories", """{"query":"tea","mode":"fuzzy"}""", "mode must be semantic, keyword or hybrid" },
        { "search_memories", """{"query":"tea","recency_weight":2}""", "recency_weight must be between 0 and 1" },
        { "list_memories", """{"offset":-1}""", "offset must be between 0 and 10000" },
        { "search", """{"query":" "}""", "query is required" },
        { "fetch", """{"id":"0190f0f0-0000-7000-8000-000000000000"}""", "not found" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Every_tool_error_is_a_tool_result_with_a_clear_message(string tool, string argsJson, string message)
    {
        var args = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(argsJson)!;
        var result = await _mcp.CallToolAsync(tool, args);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/mcp/")]
    public async Task Without_the_key_mcp_answers_401(string path)
    {
        await host.ReadyAsync();
        using var anonymous = host.CreateClient();
        using var request = Initialize(path);

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_trailing_slash_form_serves_the_same_tools()
    {
        await using var client = await host.ConnectAsync("/mcp/");
        Assert.Equal(10, (await client.ListToolsAsync()).Count);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://localhost:8080")]
    [InlineData("Host", "evil.example")]
    public async Task A_foreign_origin_or_host_is_refused_with_403(string header, string value)
    {
        var api = await host.ReadyAsync();
        using var request = Initialize("/mcp");
        if (header == "Host") request.Headers.Host = value;
        else request.Headers.Add(header, value);

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"error\":\"forbidden\"", await response.Content.ReadAsStringAsync());
        // The operator's clue: what was seen, against the public address that was expected.
        Assert.Contains(host.Logs.Lines, l => l.Contains("Refused POST /mcp") && l.Contains(value) && l.Contains("expected http://localhost"));
    }

    [Fact]
    public async Task The_servers_own_origin_is_accepted()
    {
        var api = await host.ReadyAsync();
        using var request = Initialize("/mcp");
        request.Headers.Add("Origin", "http://localhost");

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_protocol_version_header_is_a_400_that_names_it()
    {
        var api = await host.ReadyAsync();
        using var request = Initialize("/mcp");
        request.Headers.Add("MCP-Protocol-Version", "1999-01-01");

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1999-01-01", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Initialize(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}
