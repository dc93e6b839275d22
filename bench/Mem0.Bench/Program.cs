using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mem0.Bench;

// Latency of the REST surface against a running server, one request at a time, as an agent makes them.
//   dotnet run --project bench/Mem0.Bench -c Release -- --base-url http://127.0.0.1:8000 --api-key KEY [--n 200] [--warmup 20]
var options = BenchOptions.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);

var sentences = Corpus.Sentences(options.Warmup + options.N).ToList();
var queries = Corpus.Queries(options.Warmup + options.N).ToList();
var outcomes = new Dictionary<string, int>();

async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
{
    var sw = Stopwatch.StartNew();
    using var response = await call();
    var body = await response.Content.ReadAsStringAsync();
    sw.Stop();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
    return sw.Elapsed.TotalMilliseconds;
}

async Task<double> AddAsync(string content)
{
    var sw = Stopwatch.StartNew();
    using var response = await http.PostAsJsonAsync("/api/v1/memories", new { content, agent_id = "bench" });
    var body = await response.Content.ReadAsStringAsync();
    sw.Stop();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
    using var doc = JsonDocument.Parse(body);
    var kind = doc.RootElement.TryGetProperty("deduplicated", out _) ? "deduplicated"
        : doc.RootElement.GetProperty("results").GetArrayLength() > 0 ? "added" : "none (near-duplicate)";
    outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
    return sw.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < options.Warmup; i++)
{
    await AddAsync(sentences[i]);
    await TimeAsync(() => http.PostAsJsonAsync("/api/v1/memories/search", new { query = queries[i], limit = 10 }));
}
outcomes.Clear();

var adds = new List<double>();
for (var i = options.Warmup; i < sentences.Count; i++) adds.Add(await AddAsync(sentences[i]));

var dedups = new List<double>();
for (var i = options.Warmup; i < sentences.Count; i++) dedups.Add(await AddAsync(sentences[i].ToUpperInvariant()));

var searches = new List<double>();
for (var i = options.Warmup; i < queries.Count; i++)
{
    searches.Add(await TimeAsync(() => http.PostAsJsonAsync("/api/v1/memories/search", new { query = queries[i], limit = 10 })));
}

var lists = new List<double>();
for (var i = 0; i < options.N; i++) lists.Add(await TimeAsync(() => http.GetAsync($"/api/v1/memories?limit=50&offset={i % 5 * 50}")));

Console.WriteLine($"server {options.BaseUrl}, {options.N} calls each after {options.Warmup} warm-up, sequential");
Console.WriteLine($"add outcomes: {string.Join(", ", outcomes.Select(kv => $"{kv.Key} {kv.Value}"))}");
Console.WriteLine(Percentiles.Header);
Console.WriteLine(Percentiles.Row("add (new content)", adds));
Console.WriteLine(Percentiles.Row("add (fingerprint dedup)", dedups));
Console.WriteLine(Percentiles.Row("search (semantic, limit 10)", searches));
Console.WriteLine(Percentiles.Row("list (limit 50)", lists));
