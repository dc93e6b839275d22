using System.Text.Json;
using Marten.Events.Daemon.Coordination;
using Mem0.Projections.Vectors;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// The checkpointed subscription that feeds the vector index. These hosts set MEM0_INDEX_WAIT_MS=0, so writes
/// do not index their own memories and everything the index holds came through the subscription.
/// </summary>
public sealed class Indexing_by_subscription
{
    private static readonly Dictionary<string, string?> NoWait = new() { ["MEM0_INDEX_WAIT_MS"] = "0" };
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_write_that_does_not_wait_is_found_once_the_subscription_has_passed_it()
    {
        await using var host = new Mem0Host(null, NoWait);
        var api = await host.ReadyAsync();

        await api.AddOne("Ottoline restores harpsichords in Ghent.");
        await CaughtUpAsync(api, host.Logs);

        Assert.Equal(["Ottoline restores harpsichords in Ghent."], await api.SearchTexts("who repairs old keyboard instruments?", 1));
    }

    [Fact]
    public async Task A_subscription_restarted_mid_stream_catches_up_without_duplicates()
    {
        await using var host = new Mem0Host(null, NoWait);
        var api = await host.ReadyAsync();
        await host.SeedAsync("default-user", 400, i => $"Seeded memory number {i} about topic {i % 17}.", At);
        await CaughtUpAsync(api, host.Logs);
        var daemon = host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        var checkpoint = host.Services.GetRequiredService<SubscriptionCheckpoint>();

        // Stopped mid-stream: 300 more events arrive and nothing indexes them.
        await daemon.StopAgentAsync(VectorIndexSubscription.ShardName);
        var stoppedAt = await checkpoint.PositionAsync(VectorIndexSubscription.ShardName, default);
        await host.SeedAsync("default-user", 300, i => $"Later memory number {i} about subject {i % 13}.", At.AddDays(1));
        var behind = (await api.GetJson("/healthz")).Body;
        Assert.Equal((700, 400, 300), (Long(behind, "memories"), Long(behind, "indexed"), Long(behind, "index_lag")));

        // Restarted: it resumes from its checkpoint and takes in exactly the missing memories.
        await daemon.StartAgentAsync(VectorIndexSubscription.ShardName, default);
        await CaughtUpAsync(api, host.Logs);
        Assert.True(await checkpoint.PositionAsync(VectorIndexSubscription.ShardName, default) > stoppedAt);
        var answers = await AnswersAsync(api);

        // Rewound into the middle: events already applied are delivered again, and change nothing.
        await daemon.RewindSubscriptionAsync(VectorIndexSubscription.SubscriptionName, default, sequenceFloor: stoppedAt - 150);
        await CaughtUpAsync(api, host.Logs);

        var health = (await api.GetJson("/healthz")).Body;
        Assert.Equal((700, 700, 0), (Long(health, "memories"), Long(health, "indexed"), Long(health, "index_lag")));
        Assert.Equal(answers, await AnswersAsync(api));
    }

    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    /// <summary>Polls /healthz until the subscription has applied every event and the index holds every memory.</summary>
    private static async Task CaughtUpAsync(HttpClient api, LogCapture Logs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var h = (await api.GetJson("/healthz")).Body;
            if (Long(h, "projection_lag") == 0 && Long(h, "index_lag") == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The subscription did not catch up: {h}\n{string.Join("\n", Logs.Lines.Where(l => l.Contains("rror") || l.Contains("ndex")).Take(30))}");
            await Task.Delay(100);
        }
    }

    /// <summary>A fixed set of searches, as ids in order: the same ids once each, whatever was replayed.</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient api)
    {
        var answers = new List<string>();
        foreach (var query in new[] { "topic 3", "subject 7", "memory number 12", "later memory" })
        {
            var reply = await api.PostJson("/api/v1/memories/search", new { query, limit = 20 });
            var ids = reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            answers.AddRange(ids.Select(id => $"{query}|{id}"));
        }
        return answers;
    }
}
