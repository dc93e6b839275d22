using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mem0.Bench;

/// <summary>
/// Many clients at once, each picking add (half, every one under its own `Idempotency-Key`), search (a third) or list,
/// for a fixed time: throughput, latency per operation, every non-2xx counted, and at the end every memory an
/// acknowledged add reported read back, so "acknowledged" and "stored" are compared, not assumed.
///   Mem0.Bench load --base-url URL --api-key KEY [--clients 32] [--seconds 60]
/// </summary>
public static class MixedLoad
{
    public static async Task RunAsync(HttpClient http, int clients, TimeSpan duration, bool addsOnly = false)
    {
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var failures = new ConcurrentDictionary<string, int>();
        var added = new ConcurrentBag<Guid>();
        var stages = new Dictionary<string, List<double>>();
        var run = Guid.NewGuid().ToString("N")[..6];
        var questions = Corpus.Queries(200).ToArray();
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();

        async Task Client(int c)
        {
            var random = new Random(c);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var roll = random.NextDouble();
                var (name, request) = addsOnly || roll < 0.5
                    ? ("add", Add($"{Corpus.Sentence(c * 100_000 + i)} (ref {run}-{c}-{i})", $"{run}-{c}-{i}"))
                    : roll < 0.85
                        ? ("search", new HttpRequestMessage(HttpMethod.Post, "/api/v1/memories/search") { Content = JsonContent.Create(new { query = questions[i % questions.Length], limit = 10 }) })
                        : ("list", new HttpRequestMessage(HttpMethod.Get, $"/api/v1/memories?limit=50&offset={i % 5 * 50}"));
                var sw = Stopwatch.StartNew();
                try
                {
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync();
                    sw.Stop();
                    if (!response.IsSuccessStatusCode)
                    {
                        failures.AddOrUpdate($"{name} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        continue;
                    }
                    latencies.GetOrAdd(name, _ => []).Add(sw.Elapsed.TotalMilliseconds);
                    if (name != "add") continue;
                    lock (stages) StageTable.Collect(stages, response);
                    using var doc = JsonDocument.Parse(body);
                    foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
                    {
                        if (r.GetProperty("event").GetString() == "ADD") added.Add(r.GetProperty("id").GetGuid());
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failures.AddOrUpdate($"{name} no answer", 1, (_, n) => n + 1);
                }
                finally
                {
                    request.Dispose();
                }
            }
        }

        Console.WriteLine(addsOnly
            ? $"sustained adds: {clients} clients for {duration.TotalSeconds:0} s, every add new content under its own Idempotency-Key"
            : $"mixed load: {clients} clients for {duration.TotalSeconds:0} s (add 50% keyed, search 35%, list 15%)");
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => Client(c))));
        var seconds = clock.Elapsed.TotalSeconds;
        var total = latencies.Values.Sum(l => l.Count);
        var adds = latencies.TryGetValue("add", out var a) ? a.Count : 0;
        Console.WriteLine($"  {total} answered 2xx in {seconds:0.0} s: {total / seconds:0} requests/s, {adds / seconds:0} adds/s; failures: " +
                          (failures.IsEmpty ? "none" : string.Join(", ", failures.OrderBy(f => f.Key).Select(f => $"{f.Key} ×{f.Value}"))));
        Console.WriteLine(Percentiles.Header);
        foreach (var (name, samples) in latencies.OrderBy(l => l.Key)) Console.WriteLine(Percentiles.Row(name, samples.ToList()));
        StageTable.Print(stages, adds);

        // Read back every memory the acknowledged adds reported, a few at a time.
        var missing = 0;
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            using var response = await http.GetAsync($"/api/v1/memories/{id}", ct);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref missing);
        });
        Console.WriteLine($"  acknowledged new memories {added.Count}, read back {added.Count - missing}, missing {missing}");
    }

    private static HttpRequestMessage Add(string content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/memories") { Content = JsonContent.Create(new { content, agent_id = "bench-load" }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
