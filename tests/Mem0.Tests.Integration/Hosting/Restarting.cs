using System.Net;
using Npgsql;
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

    [Fact]
    public async Task A_restart_leaves_the_text_search_indexes_and_their_function_in_place()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var first = new Mem0Host(schema, null, dropSchemaOnDispose: false))
        {
            await (await first.ReadyAsync()).AddOne("The Q7 review is on Friday.");
        }
        var before = await SearchObjectsAsync(schema);

        await using var second = new Mem0Host(schema, null);
        var api = await second.ReadyAsync();

        // Same objects, same ids: nothing was dropped and rebuilt (a rebuild at start reads every memory).
        Assert.Contains("mem0_memory_text_bigrams", before.Keys);
        Assert.Contains("mem0_memory_text_trgm", before.Keys);
        Assert.Contains("mem0_bigrams", before.Keys);
        Assert.Equal(before, await SearchObjectsAsync(schema));
        var found = await api.PostJson("/api/v1/memories/search", new { query = "q7", mode = "keyword" });
        Assert.Equal(["The Q7 review is on Friday."], found.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()));
    }

    private static async Task<Dictionary<string, uint>> SearchObjectsAsync(string schema)
    {
        await using var db = TestEnvironment.Database();
        await using var command = db.CreateCommand("""
            select c.relname, c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relname like 'mem0_%'
            union all
            select p.proname, p.oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1 and p.proname like 'mem0_%'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        var objects = new Dictionary<string, uint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) objects[reader.GetString(0)] = reader.GetFieldValue<uint>(1);
        return objects;
    }
}
