using Mem0.Cli.Admin;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// The vector index is a projection: rebuilt from the event store and the embedding cache (at every start, for
/// the embedded index), it answers a fixed query set exactly as before, scores included.
/// </summary>
public sealed class Rebuilding_the_index
{
    private static readonly string[] Queries =
        ["who plays music?", "gardening hobbies", "anyone into boats", "old machines and repairs", "hiking and the outdoors"];

    [Fact]
    public async Task A_rebuilt_index_answers_a_fixed_query_set_identically()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        List<string> before;
        await using (var first = new Mem0Host(schema, null, dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            foreach (var s in Distinct.Sentences(25)) await api.AddOne(s);
            var replaced = await api.AddOne("Quentin hikes the Dolomites every summer.");
            await api.PutJson($"/api/v1/memories/{replaced}", new { content = "Quentin hikes in the Pyrenees every summer." });
            await api.DeleteJson($"/api/v1/memories/{(await api.ListIds())[3]}");
            before = await AnswersAsync(api);
        }

        await using var second = new Mem0Host(schema, null);
        var after = await AnswersAsync(await second.ReadyAsync());

        Assert.Equal(before, after);
        Assert.Contains(before, a => a.Contains("Pyrenees"));
        Assert.DoesNotContain(before, a => a.Contains("Dolomites"));
    }

    [Fact]
    public async Task The_rebuild_command_replays_into_a_fresh_index_that_answers_identically()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        foreach (var s in Distinct.Sentences(25)) await api.AddOne(s);
        var replaced = await api.AddOne("Quentin hikes the Dolomites every summer.");
        await api.PutJson($"/api/v1/memories/{replaced}", new { content = "Quentin hikes in the Pyrenees every summer." });
        await api.DeleteJson($"/api/v1/memories/{(await api.ListIds())[3]}");
        var before = await AnswersAsync(api);

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await RebuildIndexCommand.RunAsync(api, output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        // 25 adds + the update's add and update + one delete: 28 memory events, and the 26 adds' sources: 54 events,
        // 25 live memories.
        Assert.Contains("done: 25 memories from 54 events", output.ToString());
        Assert.Equal(before, await AnswersAsync(api));
        var health = (await api.GetJson("/healthz?deep=1")).Body;
        Assert.Equal((25, 25), (health.GetProperty("memories").GetInt64(), health.GetProperty("indexed").GetInt64()));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Vector index rebuilt"));
    }

    [Fact]
    public async Task Searches_keep_answering_from_the_old_index_while_a_rebuild_runs()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        await host.SeedAsync("default-user", 20_000, i => $"Seeded memory {i} on topic {i % 31}.", DateTimeOffset.UtcNow.AddDays(-1));
        await Eventually.HoldsAsync(async () => (await api.GetJson("/healthz?deep=1")).Body.GetProperty("index_lag").GetInt64() == 0,
            TimeSpan.FromSeconds(60), "the 20,000 seeded memories to be indexed", every: TimeSpan.FromMilliseconds(100));

        var rebuild = RebuildIndexCommand.RunAsync(api, new StringWriter(), new StringWriter(), CancellationToken.None);
        var during = 0;
        while (!rebuild.IsCompleted)
        {
            var reply = await api.PostJson("/api/v1/memories/search", new { query = "topic 7", limit = 10 });
            Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
            Assert.Equal(10, reply.Body.GetProperty("results").GetArrayLength());
            if (!rebuild.IsCompleted) during++;
        }

        Assert.Equal(0, await rebuild);
        Assert.True(during > 0, "no search ran while the rebuild was running");
        Assert.Equal(20_000, (await api.GetJson("/healthz?deep=1")).Body.GetProperty("indexed").GetInt64());
    }

    [Fact]
    public async Task The_rebuild_command_says_why_when_the_server_refuses()
    {
        await using var host = new Mem0Host(null, null);
        await host.ReadyAsync();
        using var wrongKey = host.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-key");
        var error = new StringWriter();

        var exit = await RebuildIndexCommand.RunAsync(wrongKey, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("refused the rebuild (401)", error.ToString());
    }

    /// <summary>Every query in every mode, as id, text and score to 5 places.</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient api)
    {
        var answers = new List<string>();
        foreach (var mode in new[] { "semantic", "hybrid" })
        {
            foreach (var query in Queries)
            {
                var reply = await api.PostJson("/api/v1/memories/search", new { query, mode, limit = 5 });
                answers.AddRange(reply.Body.GetProperty("results").EnumerateArray().Select(r =>
                    $"{mode}|{query}|{r.GetProperty("id").GetGuid()}|{r.GetProperty("memory").GetString()}|{r.GetProperty("score").GetSingle():F5}"));
            }
        }
        return answers;
    }
}
