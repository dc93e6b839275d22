using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mem0.Cli;

/// <summary>
/// `mem0 smoke`: the REST and MCP round trips a user cares about, against a live server, each step printed with
/// ✓ or ✗ and its time. It adds one uniquely worded memory and deletes it again. Exit 0 when every step passed.
/// </summary>
public static class SmokeCommand
{
    public static async Task<int> RunAsync(HttpClient server, TextWriter output, CancellationToken ct)
    {
        var failures = 0;
        var marker = $"smoke-{Guid.NewGuid():N}";
        var text = $"The smoke check {marker} likes tidy logs.";
        Guid id = default;

        async Task Step(string name, Func<Task<string?>> check)
        {
            var clock = Stopwatch.StartNew();
            string? problem;
            try { problem = await check(); }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException or TaskCanceledException)
            {
                problem = ex.Message;
            }
            if (problem is not null) failures++;
            await output.WriteLineAsync($"{(problem is null ? "✓" : "✗")} {name} ({clock.ElapsedMilliseconds} ms){(problem is null ? "" : ": " + problem)}");
        }

        await Step("GET /healthz", async () =>
        {
            var health = await server.GetFromJsonAsync<JsonElement>("/healthz", ct);
            return health.GetProperty("ok").GetBoolean() ? null : $"not ok: {health}";
        });
        await Step("REST add", async () =>
        {
            using var reply = await server.PostAsJsonAsync("/api/v1/memories", new { content = text, agent_id = "mem0-smoke" }, ct);
            var body = await reply.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (!reply.IsSuccessStatusCode) return $"{(int)reply.StatusCode}: {body}";
            id = body.GetProperty("results")[0].GetProperty("id").GetGuid();
            return null;
        });
        await Step("REST search finds it", async () =>
        {
            using var reply = await server.PostAsJsonAsync("/api/v1/memories/search", new { query = marker, mode = "keyword" }, ct);
            var body = await reply.Content.ReadFromJsonAsync<JsonElement>(ct);
            return body.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("id").GetGuid() == id) ? null : "not in the results";
        });
        await Step("REST update and history", async () =>
        {
            using var put = await server.PutAsJsonAsync($"/api/v1/memories/{id}", new { content = text.Replace("tidy", "tidier") }, ct);
            if (!put.IsSuccessStatusCode) return $"update answered {(int)put.StatusCode}";
            var history = await server.GetFromJsonAsync<JsonElement>($"/api/v1/memories/{id}/history", ct);
            var events = history.EnumerateArray().Select(h => h.GetProperty("event").GetString()).ToList();
            return events.SequenceEqual(["ADD", "UPDATE"]) ? null : $"history is {string.Join(",", events)}";
        });
        await Step("MCP tools/list and search_memories", async () =>
        {
            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(server.BaseAddress!, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
            }, server, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, ownsHttpClient: false);
            await using var mcp = await McpClient.CreateAsync(transport, cancellationToken: ct);
            var tools = (await mcp.ListToolsAsync(cancellationToken: ct)).Select(t => t.Name).ToHashSet();
            string[] expected = ["add_memory", "search_memories", "list_memories", "get_memory", "update_memory", "delete_memory"];
            if (expected.Except(tools).ToList() is { Count: > 0 } missing) return $"missing tools: {string.Join(", ", missing)}";
            var found = await mcp.CallToolAsync("search_memories", new Dictionary<string, object?> { ["query"] = marker, ["mode"] = "keyword" }, cancellationToken: ct);
            var answer = string.Join(" ", found.Content.OfType<TextContentBlock>().Select(t => t.Text));
            return found.IsError != true && answer.Contains(id.ToString()) ? null : $"search answered: {answer}";
        });
        await Step("REST delete", async () =>
        {
            using var delete = await server.DeleteAsync($"/api/v1/memories/{id}", ct);
            using var gone = await server.GetAsync($"/api/v1/memories/{id}", ct);
            return delete.IsSuccessStatusCode && gone.StatusCode == HttpStatusCode.NotFound ? null : $"delete {(int)delete.StatusCode}, then get {(int)gone.StatusCode}";
        });

        await output.WriteLineAsync(failures == 0 ? "smoke: every check passed" : $"smoke: {failures} check(s) failed");
        return failures == 0 ? 0 : 1;
    }
}
