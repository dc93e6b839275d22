using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mem0.Tests.Integration.Fixtures;
using Xunit.Abstractions;

namespace Mem0.Tests.Integration.Hostile;

/// <summary>
/// Thousands of malformed and edge-case requests, generated (seeded) from the server's own OpenAPI document and MCP
/// tool schemas: wrong types, missing and extra fields, huge and empty strings, control characters, lone surrogates,
/// invalid dates, extreme numbers, deep JSON, invalid UTF-8, wrong content types, hostile ids and queries. Every
/// answer must be below 500, in the error shape when it is a REST refusal, within 2 s, and a refused write must leave
/// the event store as it was. MEM0_BAD_INPUT_REQUESTS (default 5000) and MEM0_BAD_INPUT_SEED (default 19) set the run.
/// </summary>
public sealed class Bad_input_suite(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private sealed record Operation(string Method, string Path, JsonObject? Body, List<(string Name, string In)> Parameters);

    [Fact]
    public async Task Malformed_requests_across_every_route_and_tool_are_refused_fast_in_the_error_shape_and_change_nothing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("MEM0_BAD_INPUT_REQUESTS"), out var n) ? n : 5000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MEM0_BAD_INPUT_SEED"), out var s) ? s : 19;
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_FAILURES"] = "0" });
        var api = await host.ReadyAsync();
        var existing = await api.AddOne("Quinn keeps the spare fuses in the blue drawer.");
        await using var db = TestEnvironment.Database();
        var random = new Random(seed);
        var operations = await OperationsAsync(api);
        var tools = await ToolsAsync(api);
        Assert.NotEmpty(operations);
        Assert.NotEmpty(tools);

        var statuses = new SortedDictionary<int, int>();
        var slowest = (Elapsed: TimeSpan.Zero, What: "");
        var problems = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (request, what, isWrite) = random.Next(4) == 0 ? ToolCall(random, tools, host.ApiKey) : Rest(random, operations, existing, host.ApiKey);
            var before = isWrite ? await EventCountAsync(db, host.Schema) : 0;
            var clock = Stopwatch.StartNew();
            using var response = await api.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var refused = status >= 400 || body.Contains("\"isError\":true", StringComparison.Ordinal);
            if (refused && clock.Elapsed > slowest.Elapsed) slowest = (clock.Elapsed, what);
            if (status >= 500) problems.Add($"{status} for {what}: {Cut(body)}");
            if (clock.Elapsed > Budget) problems.Add($"{clock.Elapsed.TotalMilliseconds:0} ms for {what}");
            if (status >= 400 && !what.StartsWith("MCP", StringComparison.Ordinal) && !IsErrorShape(body)) problems.Add($"no error shape ({status}) for {what}: {Cut(body)}");
            if (isWrite && refused && await EventCountAsync(db, host.Schema) != before) problems.Add($"refused but wrote events: {what}");
        }

        output.WriteLine($"{count} requests, seed {seed}; by status: {string.Join(", ", statuses.Select(kv => $"{kv.Key}: {kv.Value}"))}");
        output.WriteLine($"slowest refusal: {slowest.Elapsed.TotalMilliseconds:0} ms, {slowest.What}");
        Assert.True(problems.Count == 0, $"{problems.Count} problems, first: {string.Join("\n", problems.Take(10))}");
    }

    // ---- what to send

    private static readonly string[] HostileStrings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f", "\uFEFF", "😀🧠", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd",
        "2026-13-45T99:99:99Z", "not-a-date", "NaN", "-1", "1e309", "null", "{}", "%00", "\\", "\"", new string('x', 150_000), new string('é', 9_000),
    ];

    private static JsonNode? HostileValue(Random random) => random.Next(12) switch
    {
        0 => JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)]),
        1 => JsonValue.Create(new[] { -1L, 0L, long.MaxValue, long.MinValue, 2_147_483_648L }[random.Next(5)]),
        2 => JsonValue.Create(new[] { 1.5, -0.0, 1e300, -1e300, double.Epsilon }[random.Next(5)]),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => null,
        5 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
        6 => new JsonObject { ["nested"] = JsonValue.Create("value") },
        7 => Deep(random.Next(20, 120)),
        _ => JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)]),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++) node = new JsonObject { ["d"] = node };
        return node;
    }

    /// <summary>Raw bodies no JSON serializer would write: the parser's edge.</summary>
    private static HttpContent RawBody(Random random) => random.Next(9) switch
    {
        0 => new ByteArrayContent([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]) { Headers = { ContentType = new("application/json") } },
        1 => new StringContent("{\"content\":", Encoding.UTF8, "application/json"),
        2 => new StringContent("{\"content\":\"half \\ud800 pair\"}", Encoding.UTF8, "application/json"),
        3 => new StringContent(new string('[', 5_000) + new string(']', 5_000), Encoding.UTF8, "application/json"),
        4 => new StringContent("null", Encoding.UTF8, "application/json"),
        5 => new StringContent("content=hello", Encoding.UTF8, "application/x-www-form-urlencoded"),
        6 => new StringContent("<memory>hi</memory>", Encoding.UTF8, "application/xml"),
        7 => new StringContent("{\"content\":\"hi\"}", Encoding.UTF8, "text/plain"),
        _ => new StringContent("", Encoding.UTF8, "application/json"),
    };

    private static JsonObject Mutated(Random random, JsonObject? schema)
    {
        var body = new JsonObject();
        foreach (var (name, _) in schema ?? [])
        {
            if (random.Next(3) == 0) continue; // missing
            body[name] = HostileValue(random);
        }
        if (random.Next(4) == 0) body["unexpected_" + random.Next(100)] = HostileValue(random);
        return body;
    }

    private static (HttpRequestMessage, string, bool) Rest(Random random, List<Operation> operations, Guid existing, string key)
    {
        var op = operations[random.Next(operations.Count)];
        var path = op.Path;
        foreach (var (name, where) in op.Parameters.Where(p => p.In == "path"))
        {
            var id = new[] { "not-a-guid", Guid.Empty.ToString(), "%00", new string('9', 3_000), "' OR 1=1", existing.ToString(), Guid.NewGuid().ToString() }[random.Next(7)];
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(id));
        }
        var query = op.Parameters.Where(p => p.In == "query" && random.Next(2) == 0)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(HostileValue(random)?.ToJsonString().Trim('"') ?? "")}").ToList();
        if (query.Count > 0) path += "?" + string.Join("&", query);
        var request = new HttpRequestMessage(new HttpMethod(op.Method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        string shape;
        if (op.Method is "GET" or "DELETE")
        {
            shape = "";
        }
        else if (random.Next(4) == 0)
        {
            request.Content = RawBody(random);
            shape = " (raw body)";
        }
        else
        {
            var json = Mutated(random, op.Body);
            request.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
            shape = " " + Cut(json.ToJsonString());
        }
        return (request, $"{op.Method} {Cut(path)}{shape}", op.Method is not "GET");
    }

    private static (HttpRequestMessage, string, bool) ToolCall(Random random, List<(string Name, JsonObject? Properties)> tools, string key)
    {
        var (name, properties) = tools[random.Next(tools.Count)];
        string json = random.Next(10) switch
        {
            0 => """{"jsonrpc":"2.0","id":1,"params":{}}""",
            1 => """{"jsonrpc":"1.0","id":1,"method":"tools/call","params":[]}""",
            _ => new JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = random.Next(1000), ["method"] = "tools/call",
                ["params"] = new JsonObject { ["name"] = name, ["arguments"] = Mutated(random, properties) },
            }.ToJsonString(),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (request, $"MCP {name} {Cut(json)}", name is "add_memory" or "update_memory" or "delete_memory" or "revert_memory" or "undelete_memory");
    }

    // ---- what the server says it takes

    private static async Task<List<Operation>> OperationsAsync(HttpClient api)
    {
        var doc = JsonNode.Parse(await api.GetStringAsync("/docs/openapi.json"))!;
        var schemas = doc["components"]?["schemas"]?.AsObject();
        var operations = new List<Operation>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/v1", StringComparison.Ordinal) || path.Contains("rebuild-index", StringComparison.Ordinal)) continue;
            foreach (var (method, op) in item!.AsObject())
            {
                var parameters = op!["parameters"]?.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>())).ToList() ?? [];
                var schema = op["requestBody"]?["content"]?["application/json"]?["schema"];
                if (schema?["$ref"]?.GetValue<string>() is { } reference) schema = schemas?[reference.Split('/')[^1]];
                operations.Add(new Operation(method.ToUpperInvariant(), path, schema?["properties"]?.AsObject(), parameters));
            }
        }
        return operations;
    }

    private static async Task<List<(string, JsonObject?)>> ToolsAsync(HttpClient api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Split('\n').FirstOrDefault(l => l.StartsWith("data:", StringComparison.Ordinal))?[5..] ?? text;
        return JsonNode.Parse(json)!["result"]!["tools"]!.AsArray()
            .Select(t => (t!["name"]!.GetValue<string>(), t["inputSchema"]?["properties"]?.AsObject())).ToList();
    }

    // ---- what to check

    private static bool IsErrorShape(string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
                && json.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                && json.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<long> EventCountAsync(Npgsql.NpgsqlDataSource db, string schema)
    {
        await using var command = db.CreateCommand($"select count(*) from {schema}.{Mem0.Projections.Store.MartenTables.Events}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Cut(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
