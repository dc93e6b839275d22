using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mem0.Bench.SideBySide;

/// <summary>
/// This server against the open-source mem0 library on the same provider stand-in: the same facts in the same order,
/// one at a time (add), then the same queries (search), then every fact again (repeated add). Writes the data file
/// mem0's script reads, reads its latencies back, and prints p50/p95 per phase with the ratio, and the model calls each
/// side made (counted by the stand-in).
///   Mem0.Bench side-by-side data --out DATA.json [--n 200]
///   Mem0.Bench side-by-side server --data DATA.json --mem0 OUT.json --base-url URL --api-key KEY --provider URL [--profile TEXT]
/// </summary>
public static class SideBySideRun
{
    public static void WriteData(string path, int n) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            facts = Corpus.Sentences(n).Select((s, i) => $"{s.TrimEnd('.')}, note {i}."),
            queries = Corpus.Queries(n),
            user = "side-by-side-" + Guid.NewGuid().ToString("N")[..6],
        }));

    public static async Task RunAsync(HttpClient server, HttpClient provider, string dataPath, string mem0Path, string profile)
    {
        using var data = JsonDocument.Parse(File.ReadAllText(dataPath));
        var facts = data.RootElement.GetProperty("facts").EnumerateArray().Select(f => f.GetString()!).ToList();
        var queries = data.RootElement.GetProperty("queries").EnumerateArray().Select(f => f.GetString()!).ToList();
        var user = data.RootElement.GetProperty("user").GetString()!;

        // The same warm-up as mem0's script.
        (await server.PostAsJsonAsync("/api/v1/memories", new { content = "Warm-up note about nothing in particular.", user_id = user + "-warmup" })).EnsureSuccessStatusCode();
        (await server.PostAsJsonAsync("/api/v1/memories/search", new { query = "warm-up", user_id = user + "-warmup" })).EnsureSuccessStatusCode();
        var stages = new Dictionary<string, List<double>>();
        var add = await PhaseAsync(provider, facts, f => server.PostAsJsonAsync("/api/v1/memories", new { content = f, user_id = user, agent_id = "bench" }), stages);
        var search = await PhaseAsync(provider, queries, q => server.PostAsJsonAsync("/api/v1/memories/search", new { query = q, user_id = user, limit = 10 }), null);
        var repeat = await PhaseAsync(provider, facts, f => server.PostAsJsonAsync("/api/v1/memories", new { content = f, user_id = user, agent_id = "bench" }), null);

        using var mem0 = JsonDocument.Parse(File.ReadAllText(mem0Path));
        Phase Mem0(string name)
        {
            var p = mem0.RootElement.GetProperty(name);
            return new Phase(p.GetProperty("ms").EnumerateArray().Select(e => e.GetDouble()).ToList(), p.GetProperty("chats").GetInt64(), p.GetProperty("embeddings").GetInt64());
        }
        Console.WriteLine($"side by side, {facts.Count} facts and {queries.Count} queries one at a time, provider stand-in {profile}");
        Console.WriteLine("phase             mem0 p50  mem0 p95  server p50  server p95  p95 mem0/server  model calls each (chat+embed): mem0 | server");
        Row("add (new fact)", Mem0("add"), add);
        Row("search", Mem0("search"), search);
        Row("repeated add", Mem0("repeat"), repeat);
        Console.WriteLine($"memories stored: mem0 {mem0.RootElement.GetProperty("stored").GetInt32()}, server {await CountAsync(server, user)}");
        Console.WriteLine("the server's adds:");
        StageTable.Print(stages, facts.Count);
    }

    private sealed record Phase(List<double> Ms, long Chats, long Embeddings)
    {
        public string Calls => string.Create(CultureInfo.InvariantCulture, $"{(double)Chats / Ms.Count:0.00}+{(double)Embeddings / Ms.Count:0.00}");
    }

    private static void Row(string phase, Phase mem0, Phase server)
    {
        var m = mem0.Ms.Order().ToList();
        var s = server.Ms.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase,-16} {Percentiles.At(m, 0.5),9:0.0} {Percentiles.At(m, 0.95),9:0.0} {Percentiles.At(s, 0.5),11:0.0} {Percentiles.At(s, 0.95),11:0.0} {Percentiles.At(m, 0.95) / Percentiles.At(s, 0.95),15:0.0}×  {mem0.Calls,14} | {server.Calls}"));
    }

    private static async Task<Phase> PhaseAsync(HttpClient provider, List<string> inputs, Func<string, Task<HttpResponseMessage>> call,
        Dictionary<string, List<double>>? stages)
    {
        var before = await Calls.ReadAsync(provider);
        var samples = new List<double>();
        foreach (var input in inputs)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            using var response = await call(input);
            var body = await response.Content.ReadAsStringAsync();
            sw.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
            samples.Add(sw.Elapsed.TotalMilliseconds);
            if (stages is not null) StageTable.Collect(stages, response);
        }
        var after = await Calls.ReadAsync(provider);
        return new Phase(samples, after.Chats - before.Chats, after.Embeddings - before.Embeddings);
    }

    private static async Task<int> CountAsync(HttpClient server, string user)
    {
        var count = 0;
        for (var offset = 0; ; offset += 100)
        {
            var page = (await server.GetFromJsonAsync<JsonElement>($"/api/v1/memories?user_id={user}&limit=100&offset={offset}")).GetProperty("results").GetArrayLength();
            count += page;
            if (page < 100) return count;
        }
    }

    /// <summary>The stand-in's call counters.</summary>
    public sealed record Calls(long Chats, long Embeddings)
    {
        public static async Task<Calls> ReadAsync(HttpClient provider) => (await provider.GetFromJsonAsync<Calls>("/calls"))!;

    }
}
