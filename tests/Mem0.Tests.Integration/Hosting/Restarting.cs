using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>The store is the truth: a new process on the same database serves every read, search included.</summary>
public sealed class Restarting
{
    [Fact]
    public async Task A_restart_on_the_same_database_loses_nothing_and_search_still_works()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        Guid kept, gone, changed;
        await using (var first = new Mem0Host(schema, null, dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            kept = await api.AddOne("Peggy's espresso machine needs descaling monthly.");
            gone = await api.AddOne("Peggy's old phone number ends in 42.");
            changed = await api.AddOne("Peggy's car is blue.");
            await api.DeleteJson($"/api/v1/memories/{gone}");
            await api.PutJson($"/api/v1/memories/{changed}", new { content = "Peggy's car was resprayed green." });
        }

        await using var second = new Mem0Host(schema, null);
        var again = await second.ReadyAsync();

        Assert.Equal([kept, changed], await again.ListIds());
        Assert.Equal("Peggy's car was resprayed green.", (await again.GetJson($"/api/v1/memories/{changed}")).Text("memory"));
        (await again.GetJson($"/api/v1/memories/{gone}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("Peggy's espresso machine needs descaling monthly.", (await again.SearchTexts("coffee maker maintenance", 1)).Single());
        Assert.Equal("Peggy's car was resprayed green.", (await again.SearchTexts("what colour is the car?", 1)).Single());
        Assert.DoesNotContain("Peggy's old phone number ends in 42.", await again.SearchTexts("phone number", 100));
        var dedup = await again.PostJson("/api/v1/memories", new { content = "peggy's espresso machine needs descaling monthly." });
        Assert.Equal(kept, dedup.Body.GetProperty("memory_id").GetGuid());
    }
}
