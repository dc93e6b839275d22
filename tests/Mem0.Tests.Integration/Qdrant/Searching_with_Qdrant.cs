using Mem0.Cli.Admin;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Qdrant;

/// <summary>
/// The server on a live Qdrant: the collection behind an alias, filters inside Qdrant, the subscription's
/// checkpoint across a restart, and a rebuild that swaps the alias. Each test uses collections of its own and
/// deletes them afterwards.
/// </summary>
public sealed class Searching_with_Qdrant : IAsyncLifetime
{
    private readonly string _alias = "mem0_test_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Adds_searches_filters_and_deletes_go_through_qdrant()
    {
        await using var host = new Mem0Host(_schema, QdrantTarget.Settings(_alias));
        var api = await host.ReadyAsync();
        var keep = await api.AddOne("Ottoline restores harpsichords in Ghent.", new { agent_id = "claude-code" });
        await api.AddOne("Barnaby grows chillies on his balcony.", new { agent_id = "chatgpt" });
        var gone = await api.AddOne("Clementine sails a wooden ketch.");

        Assert.Equal(["Ottoline restores harpsichords in Ghent."], await api.SearchTexts("who repairs old keyboard instruments?", 1));
        var filtered = await api.PostJson("/api/v1/memories/search", new { query = "hobbies", agent_id = "chatgpt" });
        Assert.Equal(["Barnaby grows chillies on his balcony."],
            filtered.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()));

        await api.DeleteJson($"/api/v1/memories/{gone}");
        Assert.DoesNotContain("Clementine sails a wooden ketch.", await api.SearchTexts("boats", 5));
        var health = (await api.GetJson("/healthz?deep=1")).Body;
        Assert.Equal(($"qdrant:{_alias}", "reachable", 2L), (health.GetProperty("vector_store").GetString(),
            health.GetProperty("vector_store_status").GetString(), health.GetProperty("indexed").GetInt64()));
        Assert.NotEqual(Guid.Empty, keep);
    }

    [Fact]
    public async Task A_restart_resumes_from_the_checkpoint_and_a_rebuild_swaps_the_alias()
    {
        List<string> before;
        await using (var first = new Mem0Host(_schema, QdrantTarget.Settings(_alias), dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            foreach (var s in Distinct.Sentences(20)) await api.AddOne(s);
            before = await api.SearchTexts("who plays music?", 5);
        }

        await using var second = new Mem0Host(_schema, QdrantTarget.Settings(_alias));
        var again = await second.ReadyAsync();
        Assert.Equal(before, await again.SearchTexts("who plays music?", 5));
        Assert.Equal(20, (await again.GetJson("/healthz?deep=1")).Body.GetProperty("indexed").GetInt64());

        using var client = QdrantTarget.Client();
        var target = (await client.ListAliasesAsync()).Single(a => a.AliasName == _alias).CollectionName;
        var error = new StringWriter();
        Assert.True(await RebuildIndexCommand.RunAsync(again, new StringWriter(), error, default) == 0, error.ToString());

        var swapped = (await client.ListAliasesAsync()).Single(a => a.AliasName == _alias).CollectionName;
        Assert.NotEqual(target, swapped);
        Assert.False(await client.CollectionExistsAsync(target));
        Assert.Equal(before, await again.SearchTexts("who plays music?", 5));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => QdrantTarget.DeleteCollectionsAsync(_alias);
}
