using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// A store made before dedup was per user has a unique index on the content key alone; the next start replaces it
/// with the per-user one, so another user's copy of the same words can be stored.
/// </summary>
public sealed class Upgrading_the_dedup_index
{
    [Fact]
    public async Task The_content_key_index_of_an_older_store_becomes_per_user_at_start()
    {
        var first = new Mem0Host(null, null, dropSchemaOnDispose: false);
        var api = await first.ReadyAsync();
        await api.AddOne("The boiler is serviced every March.", new { user_id = "alice" });
        await first.DisposeAsync();
        await using (var db = TestEnvironment.Database())
        {
            await using var old = db.CreateCommand(
                $"drop index {first.Schema}.mem0_memory_content_fingerprint; " +
                $"create unique index mem0_memory_content_fingerprint on {first.Schema}.{Mem0.Projections.Store.MartenTables.Views} ((data ->> 'ContentFingerprint'))");
            await old.ExecuteNonQueryAsync();
        }

        await using var upgraded = new Mem0Host(first.Schema, null);
        var after = await upgraded.ReadyAsync();
        var bob = await after.PostJson("/api/v1/memories", new { content = "The boiler is serviced every March.", user_id = "bob" });

        Assert.Equal(HttpStatusCode.OK, bob.Status);
        Assert.Single(await after.ListIds("&user_id=bob"));
        Assert.Single(await after.ListIds("&user_id=alice"));
    }
}
