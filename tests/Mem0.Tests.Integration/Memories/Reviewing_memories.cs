using System.Net;
using System.Text.Json;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// `POST /api/v1/memories/review`: the governance keys of several memories set in one call, as events on each
/// memory's stream, so filters, the index, history and undelete all see them and the text never changes.
/// </summary>
public sealed class Reviewing_memories(SharedHost host) : IClassFixture<SharedHost>
{
    private static List<JsonElement> Results(JsonReply reply) => reply.Body.GetProperty("results").EnumerateArray().ToList();

    [Fact]
    public async Task Approving_and_expiring_several_memories_sets_their_keys_for_filters_search_and_history_and_reports_each()
    {
        var api = await host.ReadyAsync();
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        foreach (var fact in new[] { "Ottoline breeds Shetland ponies in Lerwick.", "Ottoline's farm has a wind turbine.", "Ottoline sells wool at the Saturday market." })
        {
            var added = await api.PostJson("/api/v1/memories", new
            {
                content = fact, user_id = user,
                metadata = new { review_status = "pending", source = "import:notes", confidence = "low" },
            });
            ids.Add(Results(added)[0].GetProperty("id").GetString()!);
        }
        var missing = Guid.NewGuid().ToString();

        var reviewed = await api.PostJson("/api/v1/memories/review", new { memory_ids = new[] { ids[0], ids[1], missing }, review_status = "approved", agent_id = "ana" });
        Assert.Equal(HttpStatusCode.OK, reviewed.Status);
        Assert.Equal(["reviewed", "reviewed", "not_found"], Results(reviewed).Select(r => r.GetProperty("outcome").GetString()));
        // Asking again changes nothing.
        var again = await api.PostJson("/api/v1/memories/review", new { memory_ids = new[] { ids[0] }, review_status = "approved" });
        Assert.Equal("unchanged", Results(again)[0].GetProperty("outcome").GetString());

        var approved = await api.GetJson($"/api/v1/memories?user_id={user}&review_status=approved");
        Assert.Equal(ids[..2].Order(), Results(approved).Select(r => r.GetProperty("id").GetString()!).Order());
        var pending = await api.GetJson($"/api/v1/memories?user_id={user}&review_status=pending");
        Assert.Equal([ids[2]], Results(pending).Select(r => r.GetProperty("id").GetString()!));

        var one = await api.GetJson($"/api/v1/memories/{ids[0]}");
        var metadata = one.Body.GetProperty("metadata");
        Assert.Equal("approved", metadata.GetProperty("review_status").GetString());
        Assert.Equal("ana", metadata.GetProperty("reviewed_by").GetString());
        Assert.True(DateTimeOffset.Parse(metadata.GetProperty("reviewed_at").GetString()!) > DateTimeOffset.UtcNow.AddMinutes(-5));
        // The other keys stay; the text does not change.
        Assert.Equal("import:notes", metadata.GetProperty("source").GetString());
        Assert.Equal("Ottoline breeds Shetland ponies in Lerwick.", one.Text("memory"));
        Assert.Equal("\"2\"", one.Response.Headers.ETag?.Tag);

        // Search filters read the index, which follows the review.
        var found = await api.PostJson("/api/v1/memories/search", new { query = "pony breeding in Shetland", user_id = user, review_status = "approved" });
        Assert.Contains(Results(found), r => r.GetProperty("id").GetString() == ids[0]);
        var foundPending = await api.PostJson("/api/v1/memories/search", new { query = "pony breeding in Shetland", user_id = user, review_status = "pending" });
        Assert.DoesNotContain(Results(foundPending), r => r.GetProperty("id").GetString() == ids[0]);

        // An expiry set, then honoured by exclude_expired, then cleared.
        var past = DateTimeOffset.UtcNow.AddDays(-1);
        await api.PostJson("/api/v1/memories/review", new { memory_ids = new[] { ids[2] }, expires_at = past });
        var live = await api.GetJson($"/api/v1/memories?user_id={user}&exclude_expired=true");
        Assert.DoesNotContain(Results(live), r => r.GetProperty("id").GetString() == ids[2]);
        await api.PostJson("/api/v1/memories/review", new { memory_ids = new[] { ids[2] }, clear_expiry = true });
        live = await api.GetJson($"/api/v1/memories?user_id={user}&exclude_expired=true");
        Assert.Contains(Results(live), r => r.GetProperty("id").GetString() == ids[2]);

        var history = (await api.GetJson($"/api/v1/memories/{ids[0]}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "REVIEW"], history.Select(h => h.GetProperty("event").GetString()));
        Assert.Equal("approved", history[1].GetProperty("review_status").GetString());
        Assert.Equal(history[1].GetProperty("old_memory").GetString(), history[1].GetProperty("new_memory").GetString());

        // A deleted memory comes back with its review.
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteJson($"/api/v1/memories/{ids[1]}")).Status);
        var back = await api.PostJson($"/api/v1/memories/{ids[1]}/undelete", new { });
        Assert.Equal("approved", back.Body.GetProperty("metadata").GetProperty("review_status").GetString());
    }

    [Theory]
    [InlineData("{}", "memory_ids is required")]
    [InlineData("{\"memory_ids\": [\"not-an-id\"], \"review_status\": \"approved\"}", "not a memory id")]
    [InlineData("{\"memory_ids\": [\"0196f7a4-0000-7000-8000-000000000001\"]}", "Nothing to set")]
    [InlineData("{\"memory_ids\": [\"0196f7a4-0000-7000-8000-000000000001\"], \"expires_at\": \"2030-01-01T00:00:00Z\", \"clear_expiry\": true}", "cannot be given together")]
    [InlineData("{\"memory_ids\": [\"0196f7a4-0000-7000-8000-000000000001\"], \"review_status\": \"\"}", "review_status must not be empty")]
    public async Task A_review_that_cannot_be_carried_out_is_refused_before_anything_is_written(string body, string reason)
    {
        var api = await host.ReadyAsync();
        var reply = await api.PostRaw("/api/v1/memories/review", body);
        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Contains(reason, reply.Text("detail"));
    }

    [Fact]
    public async Task More_than_a_hundred_ids_in_one_call_are_refused()
    {
        var api = await host.ReadyAsync();
        var ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString()).ToArray();
        (await api.PostJson("/api/v1/memories/review", new { memory_ids = ids, review_status = "stale" }))
            .AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
    }
}
