using System.Net;
using Mem0.Projections.Store;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// A store written before timelines and event time has memory views without `HappenedAt`/`RecencyAt` and no
/// timelines; the next start folds them from the events, so list order, recency and `as_of` work on old memories.
/// </summary>
public sealed class Upgrading_to_timelines_and_event_time
{
    [Fact]
    public async Task An_older_store_gets_its_timelines_and_event_times_at_the_next_start()
    {
        var first = new Mem0Host(null, null, dropSchemaOnDispose: false);
        var api = await first.ReadyAsync();
        var one = await api.AddOne("The gutters were cleared in October.");
        var two = await api.AddOne("The chimney was swept in November.");
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await api.PutJson($"/api/v1/memories/{two}", new { content = "The chimney was swept in December." });
        await first.DisposeAsync();
        // What the older build left: views without the new fields, no timelines.
        await using (var db = TestEnvironment.Database())
        {
            await using var old = db.CreateCommand(
                $"update {first.Schema}.{MartenTables.Views} set data = data - 'HappenedAt' - 'RecencyAt' - 'SourceId'; " +
                $"delete from {first.Schema}.{MartenTables.Timelines}");
            await old.ExecuteNonQueryAsync();
        }

        await using var upgraded = new Mem0Host(first.Schema, null);
        var after = await upgraded.ReadyAsync();

        Assert.Equal([one, two], await after.ListIds());
        var then = await after.GetJson($"/api/v1/memories/{two}?as_of={Uri.EscapeDataString(before.UtcDateTime.ToString("O"))}");
        Assert.Equal(HttpStatusCode.OK, then.Status);
        Assert.Equal("The chimney was swept in November.", then.Text("memory"));
        var ranked = await after.PostJson("/api/v1/memories/search", new { query = "when was the chimney swept", recency_weight = 1.0, limit = 1 });
        Assert.True(ranked.Body.GetProperty("results")[0].GetProperty("rerank_score").GetSingle() > 0.99f, "recency reads the upgraded event time");
        Assert.Contains(upgraded.Logs.Lines, l => l.Contains("Upgrading the read models"));
    }
}
