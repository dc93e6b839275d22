using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mem0.Bench;

// Latency of the REST surface against a running server, one request at a time, as an agent makes them.
//   Mem0.Bench --base-url URL --api-key KEY [--n 200] [--warmup 20] [--search-only --memories N] [--only TEXT]
//   (--only: just the operations whose name contains TEXT, e.g. `--only semantic`)
//   [--ca CA.pem --resolve HOST:127.0.0.1]   an https URL behind a proxy with a throwaway CA (bench/field.sh)
//   Mem0.Bench seed --count N        (writes N memories into MEM0_DATABASE_URL / MEM0_DATABASE_SCHEMA)
//   Mem0.Bench provider --port P [--chat-ms 300 --embed-ms 50 --dims 256]   (OpenAI-format stand-in, bench/side-by-side.sh)
//   Mem0.Bench side-by-side data|server ...          (this server against npm mem0ai, bench/side-by-side.sh)
//   Mem0.Bench readwise-csv --count N --out FILE   (a Readwise export of N short distinct highlights, bench/import.sh)
//   Mem0.Bench load --base-url URL --api-key KEY [--clients 32] [--seconds 60] [--adds-only]   (concurrent load, bench/load.sh, bench/sustained.sh)
//   Mem0.Bench eval --base-url URL --api-key KEY [--seed 7] [--conversations 12]   (retrieval quality, bench/eval.sh)
if (args.FirstOrDefault() == "eval")
{
    var eval = BenchOptions.Parse(args);
    using var client = new HttpClient(ClientHandler.For(eval)) { BaseAddress = new Uri(eval.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", eval.ApiKey);
    string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    await Mem0.Bench.Eval.RetrievalEval.RunAsync(client, int.Parse(Arg("--seed") ?? "7"), int.Parse(Arg("--conversations") ?? "12"));
    return;
}
if (args.FirstOrDefault() == "load")
{
    var load = BenchOptions.Parse(args);
    using var client = new HttpClient(ClientHandler.For(load)) { BaseAddress = new Uri(load.BaseUrl), Timeout = TimeSpan.FromSeconds(150) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", load.ApiKey);
    string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var addsOnly = args.Contains("--adds-only");
    // Sustained adds default to the issue's 16 clients; the mixed load to 32.
    await MixedLoad.RunAsync(client, int.Parse(Arg("--clients") ?? (addsOnly ? "16" : "32")), TimeSpan.FromSeconds(int.Parse(Arg("--seconds") ?? "60")), addsOnly);
    return;
}
if (args.FirstOrDefault() == "provider")
{
    string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    await Mem0.Bench.SideBySide.ProviderStandIn.RunAsync(int.Parse(Arg("--port") ?? "8790"), TimeSpan.FromMilliseconds(int.Parse(Arg("--chat-ms") ?? "0")),
        TimeSpan.FromMilliseconds(int.Parse(Arg("--embed-ms") ?? "0")), int.Parse(Arg("--dims") ?? "256"));
    return;
}
if (args.FirstOrDefault() == "side-by-side")
{
    string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    if (args.ElementAtOrDefault(1) == "data")
    {
        Mem0.Bench.SideBySide.SideBySideRun.WriteData(Arg("--out")!, int.Parse(Arg("--n") ?? "200"));
        return;
    }
    var o = BenchOptions.Parse(args);
    using var server = new HttpClient { BaseAddress = new Uri(o.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
    server.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
    using var provider = new HttpClient { BaseAddress = new Uri(Arg("--provider")!) };
    await Mem0.Bench.SideBySide.SideBySideRun.RunAsync(server, provider, Arg("--data")!, Arg("--mem0")!, Arg("--profile") ?? "");
    return;
}
if (args.FirstOrDefault() == "readwise-csv")
{
    string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    ImportFile.WriteReadwiseCsv(Arg("--out") ?? throw new ArgumentException("--out FILE is required"), int.Parse(Arg("--count") ?? "10000"));
    return;
}
if (args.FirstOrDefault() == "seed")
{
    await Seeder.RunAsync(int.Parse(args.SkipWhile(a => a != "--count").Skip(1).First()));
    return;
}

var options = BenchOptions.Parse(args);
using var http = new HttpClient(ClientHandler.For(options)) { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
var runner = new Runner(http);

Console.WriteLine($"server {options.BaseUrl}, {options.N} calls each after {options.Warmup} warm-up, sequential");
Console.WriteLine(Percentiles.Header);
if (!options.SearchOnly)
{
    var sentences = Corpus.Sentences(options.Warmup + options.N).ToList();
    for (var i = 0; i < options.Warmup; i++) await runner.AddAsync(sentences[i]);
    runner.Outcomes.Clear();
    runner.Stages.Clear();
    var adds = new List<double>();
    for (var i = options.Warmup; i < sentences.Count; i++) adds.Add(await runner.AddAsync(sentences[i]));
    var addStages = runner.Stages.ToDictionary();
    runner.Stages.Clear();
    var dedups = new List<double>();
    for (var i = options.Warmup; i < sentences.Count; i++) dedups.Add(await runner.AddAsync(sentences[i].ToUpperInvariant()));
    Console.WriteLine(Percentiles.Row("add (new content)", adds));
    StageTable.Print(addStages, adds.Count);
    Console.WriteLine(Percentiles.Row("add (fingerprint dedup)", dedups));
    Console.WriteLine($"  add outcomes: {string.Join(", ", runner.Outcomes.Select(kv => $"{kv.Key} {kv.Value}"))}");
}

var random = new Random(7);
var user = options.SearchOnly ? "bench-user" : null;
var questions = Corpus.Queries(options.Warmup + options.N).ToList();
// Selective: a reference that exactly one seeded memory holds. Common: a phrase in about one memory in eleven.
string Selective(int i) => options.Memories > 0 ? $"k{random.Next(options.Memories):x5}" : questions[i].Split(' ')[1];
string Common(int i) => Corpus.CommonPhrase(i);

await runner.Search("search semantic (limit 10)", options, i => new { query = questions[i], limit = 10, user_id = user });
await runner.Search("search keyword, selective", options, i => new { query = Selective(i), mode = "keyword", limit = 10, user_id = user });
await runner.Search("search keyword, common words", options, i => new { query = Common(i), mode = "keyword", limit = 10, user_id = user });
// Distinct from the semantic queries, so hybrid pays for its own query embeddings.
await runner.Search("search hybrid (limit 10)", options, i => new { query = questions[i] + " please", mode = "hybrid", limit = 10, user_id = user });
await runner.Time("list (limit 50)", options, i => http.GetAsync($"/api/v1/memories?limit=50&offset={i % 5 * 50}" + (user is null ? "" : $"&user_id={user}")));

// Time travel, the common case: the store as it was a moment ago, with a few memories changed since (each read pays
// the live read plus one read of the changed memories' timelines). The plain rows above and below are the baseline.
var userQuery = user is null ? "" : $"&user_id={user}";
var before = DateTimeOffset.UtcNow;
await Task.Delay(50);
var someIds = (await http.GetFromJsonAsync<JsonElement>("/api/v1/memories?limit=20" + userQuery)).GetProperty("results").EnumerateArray()
    .Select(r => (Id: r.GetProperty("id").GetGuid(), Text: r.GetProperty("memory").GetString()!)).ToList();
foreach (var (id, text) in someIds)
{
    using var put = await http.PutAsJsonAsync($"/api/v1/memories/{id}", new { content = text + " (revised)" });
    put.EnsureSuccessStatusCode();
}
var asOf = Uri.EscapeDataString(before.UtcDateTime.ToString("O"));
await runner.Time("get", options, i => http.GetAsync($"/api/v1/memories/{someIds[i % someIds.Count].Id}"));
await runner.Time($"get as_of (changed since)", options, i => http.GetAsync($"/api/v1/memories/{someIds[i % someIds.Count].Id}?as_of={asOf}"));
await runner.Search($"search semantic as_of ({someIds.Count} changed since)", options, i => new { query = questions[i], limit = 10, user_id = user, as_of = before });
await runner.Search($"search hybrid as_of ({someIds.Count} changed since)", options, i => new { query = questions[i] + " please", mode = "hybrid", limit = 10, user_id = user, as_of = before });
await runner.Time($"list as_of (limit 50, {someIds.Count} changed since)", options, i => http.GetAsync($"/api/v1/memories?limit=50&offset={i % 5 * 50}&as_of={asOf}" + userQuery));

// The review console's pages, whole HTML as the browser gets it, on the same store.
await ConsolePages.RunAsync(options, user, someIds.Select(m => m.Id).ToList(), questions);

namespace Mem0.Bench
{
    public sealed class Runner(HttpClient http)
    {
        public Dictionary<string, int> Outcomes { get; } = [];

        /// <summary>The adds' `Server-Timing` stages since the last Clear.</summary>
        public Dictionary<string, List<double>> Stages { get; } = [];

        public async Task<double> AddAsync(string content)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("/api/v1/memories", new { content, agent_id = "bench" });
            var body = await response.Content.ReadAsStringAsync();
            sw.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
            StageTable.Collect(Stages, response);
            using var doc = JsonDocument.Parse(body);
            var kind = doc.RootElement.TryGetProperty("deduplicated", out _) ? "deduplicated"
                : doc.RootElement.GetProperty("results").GetArrayLength() > 0 ? "added" : "none (near-duplicate)";
            Outcomes[kind] = Outcomes.GetValueOrDefault(kind) + 1;
            return sw.Elapsed.TotalMilliseconds;
        }

        public Task Search(string name, BenchOptions o, Func<int, object> body) =>
            Time(name, o, i => http.PostAsJsonAsync("/api/v1/memories/search", body(i)));

        public async Task Time(string name, BenchOptions o, Func<int, Task<HttpResponseMessage>> call)
        {
            if (o.Only is not null && !name.Contains(o.Only, StringComparison.OrdinalIgnoreCase)) return;
            var samples = new List<double>();
            var stages = new Dictionary<string, List<double>>();
            for (var i = 0; i < o.Warmup + o.N; i++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                using var response = await call(i);
                var body = await response.Content.ReadAsStringAsync();
                sw.Stop();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: {(int)response.StatusCode}: {body}");
                if (i < o.Warmup) continue;
                samples.Add(sw.Elapsed.TotalMilliseconds);
                foreach (var (stage, ms) in ServerTiming.Parse(response))
                {
                    if (!stages.TryGetValue(stage, out var list)) stages[stage] = list = [];
                    list.Add(ms);
                }
            }
            Console.WriteLine(Percentiles.Row(name, samples));
            if (stages.Count > 0) Console.WriteLine("  server stages, p50/p95 ms: " + string.Join(", ", stages.Select(s => $"{s.Key} {Percentiles.Of(s.Value)}")));
        }
    }
}
