using System.Net;
using System.Text;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// Every acknowledged write is stored once, whatever delivers it again: the broker's redelivery (the same command
/// twice on the real bus, even at the same moment), a client's retry under its key after the server lost the
/// answer, an update that names a version the memory has left. Events are counted per command id (Marten's
/// causation id), which is how the fault suite counts too.
/// </summary>
public sealed class Exactly_once_commands(SharedHost host) : IClassFixture<SharedHost>
{
    private static AddMemory Add(Guid commandId, string content) =>
        // dedup off: only the inbox stands between a second delivery and a second copy.
        new(commandId, content, null, Mem0.Projections.Memories.Fingerprint.Of(content), false, "default-user", null, null, new Provenance(null, Surfaces.Rest));

    private async Task<long> EventsOfAsync(Guid commandId)
    {
        await using var db = TestEnvironment.Database();
        await using var count = db.CreateCommand($"select count(*) from {host.Schema}.mt_events where causation_id = $1");
        count.Parameters.AddWithValue(commandId.ToString());
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_redelivered_add_without_dedup_answers_the_first_result_and_stores_nothing_more()
    {
        await host.ReadyAsync();
        var adds = host.CommandClient<AddMemory>(CommandQueues.AddMemory(host.Schema));
        var command = Add(Guid.CreateVersion7(), "Ottoline rings the bell at the ferry landing at six. She has done it for forty years.");

        var first = (await adds.GetResponse<AddMemoryResult>(command)).Message;
        var again = (await adds.GetResponse<AddMemoryResult>(command)).Message;

        Assert.Equal(2, first.Results.Count);
        Assert.Equal(first.Results, again.Results);
        Assert.False(again.Deduplicated);
        // Two memories and the one source recording the input.
        Assert.Equal(3, await EventsOfAsync(command.CommandId));
    }

    [Fact]
    public async Task Two_deliveries_of_one_add_at_the_same_moment_commit_once_and_both_answer_alike()
    {
        await host.ReadyAsync();
        var adds = host.CommandClient<AddMemory>(CommandQueues.AddMemory(host.Schema));
        foreach (var sentence in Distinct.Sentences(5, offset: 10))
        {
            var command = Add(Guid.CreateVersion7(), sentence);
            var both = await Task.WhenAll(adds.GetResponse<AddMemoryResult>(command), adds.GetResponse<AddMemoryResult>(command));
            Assert.Equal(both[0].Message.Results, both[1].Message.Results);
            Assert.Equal(MemoryEventKind.Add, Assert.Single(both[0].Message.Results).Event);
            Assert.Equal(2, await EventsOfAsync(command.CommandId)); // the memory and its source
        }
    }

    [Fact]
    public async Task A_redelivered_delete_says_deleted_not_missing()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Pembe keeps the spare key under the blue flowerpot.");
        var deletes = host.CommandClient<DeleteMemory>(CommandQueues.DeleteMemory(host.Schema));
        var command = new DeleteMemory(Guid.CreateVersion7(), id, new Provenance(null, Surfaces.Rest));

        Assert.True((await deletes.GetResponse<DeleteMemoryResult>(command)).Message.Found);
        Assert.True((await deletes.GetResponse<DeleteMemoryResult>(command)).Message.Found);
        Assert.Equal(1, await EventsOfAsync(command.CommandId));
        // A new delete of the same memory is another command: that one finds nothing.
        Assert.False((await deletes.GetResponse<DeleteMemoryResult>(command with { CommandId = Guid.CreateVersion7() })).Message.Found);
    }

    [Fact]
    public async Task A_keyed_retry_after_the_server_lost_its_answer_gets_the_original_result_not_deduplicated()
    {
        var api = await host.ReadyAsync();
        var key = Guid.NewGuid().ToString();
        const string body = """{"content":"Thaddeus brews cider from the orchard behind the chapel."}""";
        using var first = await api.SendAsync(Keyed(HttpMethod.Post, "/api/v1/memories", body, key));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var original = await first.Content.ReadAsStringAsync();
        Assert.Contains("\"ADD\"", original);

        // What an api process killed after the commit leaves: the events and the receipt, no stored answer.
        await using (var db = TestEnvironment.Database())
        await using (var forget = db.CreateCommand($"delete from {host.Schema}.mt_doc_idempotencyrecord"))
        {
            await forget.ExecuteNonQueryAsync();
        }

        using var retry = await api.SendAsync(Keyed(HttpMethod.Post, "/api/v1/memories", body, key));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(original, await retry.Content.ReadAsStringAsync());
        Assert.Equal(2, await EventsOfAsync(Mem0.Api.Bus.CommandIds.FromKey("/api/v1/memories|" + key))); // the memory and its source
    }

    [Fact]
    public async Task An_update_naming_the_version_it_read_wins_once_and_a_stale_one_is_412_with_nothing_changed()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("The reading group meets on Tuesdays.");
        var read = await api.GetJson($"/api/v1/memories/{id}");
        var etag = read.Response.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        using var first = await api.SendAsync(IfMatch(id, "The reading group meets on Wednesdays.", etag));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        // A second writer that read version 1 too: refused, and the first writer's text stands.
        using var stale = await api.SendAsync(IfMatch(id, "The reading group meets on Thursdays.", etag));
        var refused = await HttpJson.Send(api, HttpMethod.Get, $"/api/v1/memories/{id}", null);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("precondition_failed", await stale.Content.ReadAsStringAsync());
        Assert.Equal("The reading group meets on Wednesdays.", refused.Text("memory"));

        using var garbage = await api.SendAsync(IfMatch(id, "x", "version-two"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, garbage.StatusCode);
        using var any = await api.SendAsync(IfMatch(id, "The reading group meets on Fridays.", "*"));
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
    }

    [Fact]
    public async Task A_retried_update_and_delete_with_the_same_key_replay_instead_of_acting_again()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("The boat is moored at pontoon C.");
        var key = Guid.NewGuid().ToString();
        var update = """{"content":"The boat is moored at pontoon D."}""";
        using var first = await api.SendAsync(Keyed(HttpMethod.Put, $"/api/v1/memories/{id}", update, key, ifMatch: "\"1\""));
        // The retry names version 1 again, which the memory has left: only the replay can answer it with 200.
        using var retry = await api.SendAsync(Keyed(HttpMethod.Put, $"/api/v1/memories/{id}", update, key, ifMatch: "\"1\""));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());

        var deleteKey = Guid.NewGuid().ToString();
        using var deleted = await api.SendAsync(Keyed(HttpMethod.Delete, $"/api/v1/memories/{id}", null, deleteKey));
        using var deletedAgain = await api.SendAsync(Keyed(HttpMethod.Delete, $"/api/v1/memories/{id}", null, deleteKey));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (deleted.StatusCode, deletedAgain.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteJson($"/api/v1/memories/{id}")).Status);
    }

    private static HttpRequestMessage Keyed(HttpMethod method, string path, string? body, string key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static HttpRequestMessage IfMatch(Guid id, string content, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/memories/{id}")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { content }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
