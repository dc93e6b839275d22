using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Mem0.Tests.Integration.Field;
using Mem0.Tests.Integration.Fixtures;
using Xunit.Abstractions;

namespace Mem0.Tests.Integration.Faults;

/// <summary>
/// The fault suite: 16 clients add (half under an `Idempotency-Key`, retrying it until they get an answer; half with
/// `dedup: false` and no key, never retrying) and search through nginx on the split topology, while one part fails.
/// After each fault, with everything back: every acknowledged add is stored exactly once (events counted per command
/// id), every retry of a key got the first answer, no 5xx but the documented 503/504 (and nginx's 502 for an api
/// process that died under it), nothing doubled anywhere, and every process's index holds exactly the store's
/// memories. The figures of each run are written to the test output.
/// </summary>
[Trait("Category", "Fault")]
public sealed class Faults_under_load(FaultTopology topology, ITestOutputHelper output) : IClassFixture<FaultTopology>
{
    private const int Clients = 16;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Afterwards = TimeSpan.FromSeconds(5);

    [FieldFact]
    public Task The_broker_stopped_for_ten_seconds_mid_load() => ScenarioAsync("RabbitMQ stopped 10 s", proxyMayFail: false, async () =>
    {
        await topology.StopBrokerAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await topology.StartBrokerAsync();
    });

    [FieldFact]
    public Task The_database_restarted_mid_load() => ScenarioAsync("PostgreSQL restarted", proxyMayFail: false, topology.RestartDatabaseAsync);

    [FieldFact]
    public Task An_extractor_killed_mid_add() => ScenarioAsync("extractor SIGKILL", proxyMayFail: false, async () =>
    {
        Signal("KILL", "extractor1");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await topology.RestartAsync("extractor1");
    });

    [FieldFact]
    public Task An_api_process_killed_mid_request() => ScenarioAsync("api SIGKILL", proxyMayFail: true, async () =>
    {
        Signal("KILL", "api1");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await topology.RestartAsync("api1");
    });

    [FieldFact]
    public Task Every_process_terminated_under_load_drains_and_comes_back() => ScenarioAsync("SIGTERM to every process", proxyMayFail: true, async () =>
    {
        var pids = topology.Processes.Select(topology.CurrentPid).ToList();
        foreach (var process in topology.Processes) Signal("TERM", process);
        // A graceful stop ends on its own: the host's drain, not a kill, decides when.
        await Eventually.HoldsAsync(() => Task.FromResult(pids.All(Exited)), TimeSpan.FromSeconds(60), "every process to exit after SIGTERM");
        await topology.RestartAsync([.. topology.Processes]);
    });

    private sealed record Attempt(int Client, string? Key, int Status, string Body, bool Search);

    private sealed record Sent(int Status, string Body, string? CommandId);

    private async Task ScenarioAsync(string name, bool proxyMayFail, Func<Task> fault)
    {
        var attempts = new ConcurrentQueue<Attempt>();
        var acknowledged = new ConcurrentQueue<(string Command, JsonElement Reply)>();
        using var stop = new CancellationTokenSource();
        var run = Guid.NewGuid().ToString("N")[..6];
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c, run, attempts, acknowledged, stop.Token))).ToList();

        await Task.Delay(Warmup);
        var clock = Stopwatch.StartNew();
        await fault();
        var faultOver = clock.Elapsed;
        await Task.Delay(Afterwards);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        // Recovery: from the end of the fault to the first add acknowledged after it.
        var recovered = await RecoveryAsync();
        await IndexesAgreeWithTheStoreAsync();
        var events = await topology.EventsPerCommandAsync();
        var firstEvents = await topology.CommandOfEachMemoryAsync();

        var stored = 0;
        var wrong = new List<string>();
        foreach (var (command, reply) in acknowledged)
        {
            // One event per result, all under the command that was acknowledged, and each new memory begun by it.
            var results = reply.GetProperty("results").EnumerateArray().ToList();
            var added = results.Where(r => r.GetProperty("event").GetString() == "ADD").Select(r => r.GetProperty("id").GetGuid()).ToList();
            var count = events.GetValueOrDefault(command);
            if (count == results.Count && added.All(id => firstEvents.GetValueOrDefault(id) == command)) stored++;
            else wrong.Add($"{command}: {results.Count} results acknowledged, {count} events stored under its command");
        }
        var duplicates = await DoubledTextsAsync();
        var keyedAnswers = attempts.Where(a => a.Key is not null && a.Status == 200).GroupBy(a => a.Key!).ToList();
        var changedAnswers = keyedAnswers.Count(g => g.Select(a => a.Body).Distinct().Count() > 1);
        var fivexx = attempts.Where(a => a.Status >= 500).GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        var noAnswer = attempts.Count(a => a.Status == 0);

        output.WriteLine(
            $"{name}: sent {attempts.Count(a => !a.Search)} adds ({attempts.Count(a => a.Search)} searches), acknowledged {acknowledged.Count}, " +
            $"verified stored once {stored}, wrong {wrong.Count}, duplicates {duplicates}, keys answered differently {changedAnswers}, " +
            $"5xx {{{string.Join(", ", fivexx.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}"))}}}, no answer {noAnswer}, " +
            $"fault {faultOver.TotalSeconds:F1} s, recovery {recovered.TotalSeconds:F1} s after it");

        Assert.True(acknowledged.Count > Clients, $"{name}: the load never got going ({acknowledged.Count} acknowledged)");
        Assert.Empty(wrong);
        Assert.Equal(acknowledged.Count, stored);
        Assert.Equal(0, changedAnswers);
        Assert.Equal(0, duplicates);
        var allowed = proxyMayFail ? new[] { 502, 503, 504 } : [503, 504];
        Assert.True(fivexx.Keys.All(allowed.Contains), $"{name}: 5xx outside {string.Join("/", allowed)}: {string.Join(", ", fivexx.Select(k => $"{k.Key}×{k.Value}"))}\n" +
                                                         string.Join("\n", attempts.Where(a => a.Status >= 500 && !allowed.Contains(a.Status)).Take(3).Select(a => a.Body)));
        if (!proxyMayFail) Assert.Equal(0, noAnswer);
    }

    private async Task ClientAsync(int client, string run, ConcurrentQueue<Attempt> attempts, ConcurrentQueue<(string, JsonElement)> acknowledged, CancellationToken stop)
    {
        using var http = topology.Client("127.0.0.2");
        http.Timeout = TimeSpan.FromSeconds(150);
        var keyed = client % 2 == 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            if (i % 4 == 3)
            {
                var search = await SendAsync(http, HttpMethod.Post, "/api/v1/memories/search", $$"""{"query":"who keeps bees?","limit":5}""", null);
                attempts.Enqueue(new Attempt(client, null, search.Status, search.Body, true));
                continue;
            }
            // Far-apart sentences (so the decision step adds rather than merges), tagged so each add is its own content.
            var content = JsonSerializer.Serialize($"{Distinct.Sentences(1, client * 7 + i).First().TrimEnd('.')} (ref {run}-{client}-{i}).");
            if (!keyed)
            {
                var once = await SendAsync(http, HttpMethod.Post, "/api/v1/memories", $$"""{"content":{{content}},"dedup":false}""", null);
                attempts.Enqueue(new Attempt(client, null, once.Status, once.Body, false));
                if (once.Status == 200) acknowledged.Enqueue((once.CommandId!, JsonDocument.Parse(once.Body).RootElement.Clone()));
                // A client that got no answer pauses, as a real one would, instead of spinning on the proxy's 502.
                else await Task.Delay(500, CancellationToken.None);
                continue;
            }
            // A keyed client retries its key until it gets an answer, as the guide tells webhook senders to: past the
            // end of the load too, within a bound, so every key it sent is settled before the checks.
            var key = $"{run}-{client}-{i}";
            var giveUp = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < giveUp)
            {
                var attempt = await SendAsync(http, HttpMethod.Post, "/api/v1/memories", $$"""{"content":{{content}}}""", key);
                attempts.Enqueue(new Attempt(client, key, attempt.Status, attempt.Body, false));
                if (attempt.Status == 200)
                {
                    // A keyed request's command id is the key's (a replayed answer carries no header, the id is the same).
                    acknowledged.Enqueue((Mem0.Api.Bus.CommandIds.FromKey("/api/v1/memories|" + key).ToString(), JsonDocument.Parse(attempt.Body).RootElement.Clone()));
                    break;
                }
                if (attempt.Status is >= 400 and < 500 and not 409) break;
                await Task.Delay(500, CancellationToken.None);
            }
        }
    }

    private static async Task<Sent> SendAsync(HttpClient http, HttpMethod method, string path, string body, string? key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await http.SendAsync(request);
            var command = response.Headers.TryGetValues(Mem0.Api.Bus.CommandIds.Header, out var values) ? values.Single() : null;
            return new Sent((int)response.StatusCode, await response.Content.ReadAsStringAsync(), command);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Sent(0, ex.Message, null);
        }
    }

    private async Task<TimeSpan> RecoveryAsync()
    {
        using var http = topology.Client("127.0.0.3");
        var clock = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () =>
                (await SendAsync(http, HttpMethod.Post, "/api/v1/memories", $$"""{"content":"Recovery probe {{Guid.NewGuid():N}}: Ysolde sings in a choir.","dedup":false}""", null)).Status == 200,
            TimeSpan.FromSeconds(60), "an add to succeed after the fault", every: TimeSpan.FromMilliseconds(200));
        return clock.Elapsed;
    }

    /// <summary>Every process that keeps an index (api and extractor) holds exactly the store's memories: no ghost, none missing.</summary>
    private async Task IndexesAgreeWithTheStoreAsync()
    {
        foreach (var process in topology.Processes.Where(p => p != "scheduler"))
        {
            using var direct = topology.Direct(process);
            var last = "";
            await Eventually.HoldsAsync(async () =>
            {
                var health = await direct.GetJson("/healthz?deep=1");
                last = health.Body.ToString();
                return health.Status == HttpStatusCode.OK && health.Body.GetProperty("memories").GetInt64() == health.Body.GetProperty("indexed").GetInt64();
            }, TimeSpan.FromSeconds(30), $"{process}'s index to hold exactly the store's memories", () => Task.FromResult(last));
        }
    }

    /// <summary>The same text added twice by one command: a command that acted twice.</summary>
    private async Task<long> DoubledTextsAsync()
    {
        await using var db = topology.Database();
        await using var query = db.CreateCommand(
            $"select count(*) from (select causation_id, data ->> 'Text' from {topology.Schema}.mt_events " +
            "where type = 'memory_added' group by 1, 2 having count(*) > 1) d");
        return (long)(await query.ExecuteScalarAsync())!;
    }

    private void Signal(string signal, string process)
    {
        using var kill = Process.Start("kill", [$"-{signal}", topology.CurrentPid(process).ToString()])!;
        kill.WaitForExit();
    }

    private static bool Exited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
