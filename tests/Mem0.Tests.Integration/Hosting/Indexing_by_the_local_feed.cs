using System.Text.Json;
using Marten;
using Mem0.Contracts.Events;
using Mem0.Settings;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// The embedded index's feed: each process follows the event store on its own. Guards the split topology (two api
/// replicas behind a proxy, extractors apart), where a write handled by one process must be found by a search on
/// any other, and a process that starts late must load what is there and follow what comes.
/// </summary>
public sealed class Indexing_by_the_local_feed
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_write_that_does_not_wait_is_found_once_the_feed_has_passed_it()
    {
        // MEM0_INDEX_WAIT_MS=0: neither the write nor the read waits; the feed's own polling indexes the memory.
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_INDEX_WAIT_MS"] = "0" });
        var api = await host.ReadyAsync();

        await api.AddOne("Ottoline restores harpsichords in Ghent.");
        await CaughtUpAsync(api, host.Logs);

        Assert.Equal(["Ottoline restores harpsichords in Ghent."], await api.SearchTexts("who repairs old keyboard instruments?", 1));
    }

    [Fact]
    public async Task A_write_through_one_process_is_searchable_at_once_on_another_and_a_delete_is_gone_from_both()
    {
        // Two processes on one store and one bus: whichever takes the command, the other answers the next search.
        await using var first = new Mem0Host(null, null);
        var one = await first.ReadyAsync();
        await using var second = new Mem0Host(first.Schema, new Dictionary<string, string?> { ["MEM0_API_KEY"] = first.ApiKey }, dropSchemaOnDispose: false);
        var two = SameKey(await second.ReadyAsync(), first);

        for (var i = 0; i < 5; i++)
        {
            var fact = $"Reviewer {i} of the Quillfeather grant lives in Tromsø and rows on Sundays.";
            var id = await one.AddOne(fact);
            Assert.Contains(fact, await two.SearchTexts($"where does reviewer {i} of the Quillfeather grant live?", 10));
            Assert.Equal(JsonValueKind.Object, (await two.GetJson($"/api/v1/memories/{id}")).Body.ValueKind);

            Assert.Equal(200, (int)(await two.DeleteJson($"/api/v1/memories/{id}")).Status);
            Assert.DoesNotContain(fact, await one.SearchTexts($"where does reviewer {i} of the Quillfeather grant live?", 10));
            Assert.DoesNotContain(fact, await two.SearchTexts($"where does reviewer {i} of the Quillfeather grant live?", 10));
        }
    }

    [Fact]
    public async Task A_process_started_later_loads_the_store_and_follows_writes_made_elsewhere()
    {
        await using var writer = new Mem0Host(null, null);
        var api = await writer.ReadyAsync();
        await writer.SeedAsync("default-user", 300, i => $"Seeded memory number {i} about topic {i % 17}.", At);

        await using var late = new Mem0Host(writer.Schema, new Dictionary<string, string?> { ["MEM0_API_KEY"] = writer.ApiKey }, dropSchemaOnDispose: false);
        var reader = SameKey(await late.ReadyAsync(), writer);
        await CaughtUpAsync(reader, late.Logs);
        var health = (await reader.GetJson("/healthz?deep=1")).Body;
        Assert.Equal((300, 300, 0), (Long(health, "memories"), Long(health, "indexed"), Long(health, "index_lag")));

        await writer.SeedAsync("default-user", 200, i => $"Later memory number {i} about subject {i % 13}.", At.AddDays(1));
        // One search waits for the feed to pass every write committed before it: no polling needed after it.
        Assert.Equal(10, (await reader.SearchTexts("anything at all", 10)).Count);
        health = (await reader.GetJson("/healthz?deep=1")).Body;
        Assert.Equal((500, 500, 0), (Long(health, "memories"), Long(health, "indexed"), Long(health, "index_lag")));
    }

    [Fact]
    public async Task Concurrent_writes_on_one_process_are_each_found_by_the_next_search_and_leave_no_hole_behind()
    {
        // The writes index their own events as they commit and tell the feed, in whatever order they finish; the
        // feed's rounds run meanwhile. Each memory must be found, and the feed must end where the store ends.
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        string[] people = ["Agnieszka", "Bongani", "Cosima", "Dmitri", "Eilidh", "Farouk", "Ginevra", "Haruto", "Ingrid", "Jovan", "Kalani", "Leopold"];
        string[] crafts = ["weaves baskets from willow", "brews cider from wild apples", "carves spoons from birch", "keeps bees on a rooftop",
            "restores vintage motorcycles", "forges kitchen knives", "grows bonsai junipers", "binds notebooks in goatskin",
            "builds dry-stone walls", "tunes accordions", "paints ceramic tiles", "smokes salmon over alder"];
        string[] towns = ["Tromsø", "Valparaíso"];
        var facts = towns.SelectMany((town, t) => people.Select((p, i) => $"{p} {crafts[(i + 5 * t) % crafts.Length]} in {town}.")).ToList();

        await Task.WhenAll(facts.Select(f => api.AddOne(f)));

        var found = await api.SearchTexts("who makes things by hand?", 50);
        Assert.Empty(facts.Except(found));
        var health = (await api.GetJson("/healthz?deep=1")).Body;
        Assert.Equal((24L, 24L), (Long(health, "memories"), Long(health, "indexed")));
        await CaughtUpAsync(api, host.Logs);
    }

    [Fact]
    public async Task A_memory_whose_transaction_commits_after_a_later_one_is_not_skipped()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        await using var tx = await HoldOpenAsync(host, "Wilhelmina tunes church organs across Friesland.");

        // A later sequence commits first, and a search passes it: the open one is a hole below the feed's position.
        const string early = "Bartholomew restores clock towers in Utrecht.";
        await api.AddOne(early);
        Assert.Contains(early, await api.SearchTexts("who repairs old clocks?"));

        await tx.CommitAsync();
        Assert.Contains("Wilhelmina tunes church organs across Friesland.", await api.SearchTexts("who looks after pipe organs?"));
    }

    [Fact]
    public async Task A_rebuild_and_a_process_started_while_a_transaction_is_open_start_below_it_and_miss_nothing()
    {
        await using var host = new Mem0Host(null, null, dropSchemaOnDispose: false);
        var api = await host.ReadyAsync();
        await using var tx = await HoldOpenAsync(host, "Cornelius binds books by hand in a Ghent attic.");
        await api.AddOne("Philippa races pigeons from a loft in Wrexham.");

        // The open transaction's sequence holds the mark where a reader may start; the highest sequence has passed it.
        var events = host.Services.GetRequiredService<Mem0.Projections.Vectors.SubscriptionCheckpoint>();
        Assert.True(await events.SafeHighWaterAsync(default) < await events.HighWaterAsync(default));

        // A rebuild, and a second process loading its index, both while the transaction is open; then it commits.
        await host.Services.GetRequiredService<Mem0.Projections.Vectors.VectorIndexRebuilder>().RunAsync(_ => Task.CompletedTask, default);
        await using var second = new Mem0Host(host.Schema, new Dictionary<string, string?> { ["MEM0_API_KEY"] = host.ApiKey });
        var reader = SameKey(await second.ReadyAsync(), host);
        await tx.CommitAsync();

        Assert.Equal(await events.HighWaterAsync(default), await events.SafeHighWaterAsync(default));
        Assert.Contains("Cornelius binds books by hand in a Ghent attic.", await api.SearchTexts("who binds books?"));
        Assert.Contains("Cornelius binds books by hand in a Ghent attic.", await reader.SearchTexts("who binds books?"));
        Assert.Contains("Philippa races pigeons from a loft in Wrexham.", await reader.SearchTexts("who keeps racing pigeons?"));
    }

    /// <summary>
    /// A memory appended by a writer of our own (no index listener) in a transaction that has taken its event sequence
    /// and stays open until the caller commits it: a late commit below sequences that commit after it.
    /// </summary>
    private static async Task<HeldTransaction> HoldOpenAsync(Mem0Host host, string text)
    {
        var settings = host.Services.GetRequiredService<EventStoreOptions>();
        var connectionString = DatabaseUrl.ToConnectionString(TestEnvironment.DatabaseUrl);
        using var writer = DocumentStore.For(o => StoreSetup.Configure(o, settings, connectionString));
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using (var session = writer.LightweightSession(Marten.Services.SessionOptions.ForTransaction(tx)))
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream(id, new MemoryAdded(id, text, Fingerprint.Of(text), null, "default-user", null, null, null, "test", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        return new HeldTransaction(conn, tx);
    }

    private sealed class HeldTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>A second host on the same store is given the first one's key; its client must present that key.</summary>
    private static HttpClient SameKey(HttpClient client, Mem0Host first)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", first.ApiKey);
        return client;
    }

    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    /// <summary>Polls /healthz until the feed has applied every event and the index holds every memory.</summary>
    private static async Task CaughtUpAsync(HttpClient api, LogCapture logs)
    {
        var health = "";
        await Eventually.HoldsAsync(async () =>
            {
                var h = (await api.GetJson("/healthz?deep=1")).Body;
                health = h.ToString();
                return Long(h, "projection_lag") == 0 && Long(h, "index_lag") == 0;
            }, TimeSpan.FromSeconds(60), "the feed to catch up",
            () => Task.FromResult($"{health}\n{string.Join("\n", logs.Lines.Where(l => l.Contains("rror") || l.Contains("ndex")).Take(30))}"),
            TimeSpan.FromMilliseconds(100));
    }
}
