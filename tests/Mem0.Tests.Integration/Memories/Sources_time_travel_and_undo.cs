using System.Net;
using System.Text.Json;
using Mem0.Cli.Import;
using Mem0.Scheduler.Digest;
using Mem0.Tests.Integration.Digest;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// What the events make possible, on the local profile: every input kept as a source the memories link to, reads
/// `as_of` a past time, revert and undelete as new versions, an input forgotten, and event time (`occurred_at`)
/// beside record time for list order, recency and the digest.
/// </summary>
public sealed class Sources_time_travel_and_undo(SharedHost host) : IClassFixture<SharedHost>
{
    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("O"));

    private static List<JsonElement> Results(JsonReply reply) => reply.Body.GetProperty("results").EnumerateArray().ToList();

    private static string User() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_input_is_kept_once_as_a_source_that_its_memories_link_to_and_that_outlives_them()
    {
        var api = await host.ReadyAsync();
        const string content = "Wilhelmina restores barges in Utrecht. Her workshop is on the Vaartsche Rijn.";
        var added = await api.PostJson("/api/v1/memories", new { content, agent_id = "claude-code", run_id = "run-7" });
        var ids = Results(added).Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, ids.Count);

        var memory = await api.GetJson($"/api/v1/memories/{ids[0]}?include_source=true");
        var sourceId = memory.Body.GetProperty("source_id").GetGuid();
        var source = memory.Body.GetProperty("source");
        Assert.Equal(sourceId, source.GetProperty("id").GetGuid());
        Assert.Equal(content, source.GetProperty("content").GetString());
        Assert.Equal("rest", source.GetProperty("surface").GetString());
        Assert.Equal("claude-code", source.GetProperty("agent_id").GetString());
        Assert.Equal("run-7", source.GetProperty("run_id").GetString());
        Assert.Equal(sourceId, (await api.GetJson($"/api/v1/memories/{ids[1]}")).Body.GetProperty("source_id").GetGuid());
        // Without the flag a read carries the link, not the input.
        Assert.False((await api.GetJson($"/api/v1/memories/{ids[0]}")).Body.TryGetProperty("source", out _));

        var searched = await api.PostJson("/api/v1/memories/search", new { query = "barge restoration in Utrecht", include_source = true, limit = 1 });
        Assert.Equal(content, Results(searched)[0].GetProperty("source").GetProperty("content").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteJson($"/api/v1/memories/{ids[0]}")).Status);
        var read = await api.GetJson($"/api/v1/sources/{sourceId}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(content, read.Text("content"));
        var produced = read.Body.GetProperty("memories").EnumerateArray().ToList();
        Assert.Equal(ids, produced.Select(m => m.GetProperty("id").GetGuid()));
        Assert.All(produced, m => Assert.Equal("ADD", m.GetProperty("event").GetString()));
        Assert.Equal([true, false], produced.Select(m => m.GetProperty("deleted").GetBoolean()));
        Assert.Equal("Her workshop is on the Vaartsche Rijn.", produced[1].GetProperty("memory").GetString());

        (await api.GetJson($"/api/v1/sources/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.GetJson("/api/v1/sources/not-a-guid")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_input_that_stored_nothing_is_answered_as_known_the_second_time_without_the_extractor()
    {
        var api = await host.ReadyAsync();
        var user = User();
        // Nothing in it is a fact (no letter or digit), so the first add stores no memory, only its source.
        var first = await api.PostJson("/api/v1/memories", new { content = "!!! ??? ...", user_id = user });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Empty(Results(first));
        Assert.False(first.Body.TryGetProperty("deduplicated", out _));

        var again = await api.PostJson("/api/v1/memories", new { content = "!!!   ??? ...", user_id = user });
        Assert.True(again.Body.GetProperty("deduplicated").GetBoolean());
        Assert.False(again.Body.TryGetProperty("memory_id", out _));
        // Another user's same words are that user's own input.
        var other = await api.PostJson("/api/v1/memories", new { content = "!!! ??? ...", user_id = User() });
        Assert.False(other.Body.TryGetProperty("deduplicated", out _));
    }

    [Fact]
    public async Task As_of_before_an_update_reads_the_old_text_and_before_the_add_nothing_in_get_list_and_every_search_mode()
    {
        var api = await host.ReadyAsync();
        var user = User();
        var id = await api.AddOne("Casimir's allotment plot is number 14.", new { user_id = user });
        var created = (await api.GetJson($"/api/v1/memories/{id}")).Body.GetProperty("created_at").GetDateTimeOffset();
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJson($"/api/v1/memories/{id}", new { content = "Casimir's allotment plot is number 27." })).Status);
        var before = created.AddMilliseconds(-1);

        var then = await api.GetJson($"/api/v1/memories/{id}?as_of={Iso(between)}");
        Assert.Equal("Casimir's allotment plot is number 14.", then.Text("memory"));
        Assert.Equal("\"1\"", then.Response.Headers.ETag!.Tag);
        Assert.Equal("Casimir's allotment plot is number 27.", (await api.GetJson($"/api/v1/memories/{id}")).Text("memory"));
        (await api.GetJson($"/api/v1/memories/{id}?as_of={Iso(before)}")).AssertError(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(["Casimir's allotment plot is number 14."],
            Results(await api.GetJson($"/api/v1/memories?user_id={user}&as_of={Iso(between)}")).Select(r => r.GetProperty("memory").GetString()));
        Assert.Empty(Results(await api.GetJson($"/api/v1/memories?user_id={user}&as_of={Iso(before)}")));

        foreach (var mode in new[] { "semantic", "keyword", "hybrid" })
        {
            var query = mode == "keyword" ? "allotment plot" : "which allotment plot does Casimir have";
            var past = await api.PostJson("/api/v1/memories/search", new { query, user_id = user, mode, as_of = between });
            Assert.Equal(["Casimir's allotment plot is number 14."], Results(past).Select(r => r.GetProperty("memory").GetString()));
            Assert.Empty(Results(await api.PostJson("/api/v1/memories/search", new { query, user_id = user, mode, as_of = before })));
            var now = await api.PostJson("/api/v1/memories/search", new { query, user_id = user, mode });
            Assert.Equal(["Casimir's allotment plot is number 27."], Results(now).Select(r => r.GetProperty("memory").GetString()));
        }

        // After a delete, the past still reads; the present does not.
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteJson($"/api/v1/memories/{id}")).Status);
        Assert.Equal("Casimir's allotment plot is number 27.", (await api.GetJson($"/api/v1/memories/{id}?as_of={Iso(DateTimeOffset.UtcNow.AddMilliseconds(-30))}")).Text("memory"));
        Assert.Single(Results(await api.GetJson($"/api/v1/memories?user_id={user}&as_of={Iso(between)}")));
        Assert.Empty(Results(await api.GetJson($"/api/v1/memories?user_id={user}")));
    }

    [Fact]
    public async Task Revert_and_undelete_add_versions_and_the_history_keeps_every_one()
    {
        var api = await host.ReadyAsync();
        var user = User();
        var id = await api.AddOne("Ottilie's locker code is 4411.", new { user_id = user });
        async Task<List<string?>> Found() =>
            Results(await api.PostJson("/api/v1/memories/search", new { query = "Ottilie locker code", user_id = user })).Select(r => r.GetProperty("memory").GetString()).ToList();
        await api.PutJson($"/api/v1/memories/{id}", new { content = "Ottilie's locker code is 9000." });

        var reverted = await api.PostJson($"/api/v1/memories/{id}/revert", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, reverted.Status);
        Assert.Equal("Ottilie's locker code is 4411.", reverted.Text("memory"));
        Assert.Equal("\"3\"", reverted.Response.Headers.ETag!.Tag);
        Assert.Equal(["Ottilie's locker code is 4411."], await Found());

        (await api.PostJson($"/api/v1/memories/{id}/revert", new { version = 9 })).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        (await api.PostJson($"/api/v1/memories/{id}/revert", new { })).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        (await api.PostJson($"/api/v1/memories/{id}/undelete", new { })).AssertError(HttpStatusCode.Conflict, "conflict");
        (await api.PostJson($"/api/v1/memories/{Guid.NewGuid()}/undelete", new { })).AssertError(HttpStatusCode.NotFound, "not_found");

        await api.DeleteJson($"/api/v1/memories/{id}");
        Assert.Empty(await Found());
        (await api.PostJson($"/api/v1/memories/{id}/revert", new { version = 4 })).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        var back = await api.PostJson($"/api/v1/memories/{id}/undelete", new { });
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal("Ottilie's locker code is 4411.", back.Text("memory"));
        Assert.Equal("Ottilie's locker code is 4411.", (await api.GetJson($"/api/v1/memories/{id}")).Text("memory"));
        Assert.Equal(["Ottilie's locker code is 4411."], await Found());

        var rows = (await api.GetJson($"/api/v1/memories/{id}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE", "UPDATE", "DELETE", "RESTORE"], rows.Select(r => r.GetProperty("event").GetString()));
        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.GetProperty("version").GetInt64()));
        Assert.Equal(1, rows[2].GetProperty("reverted_to").GetInt64());
        Assert.Equal("Ottilie's locker code is 9000.", rows[2].GetProperty("old_memory").GetString());
        Assert.Equal(3, rows[4].GetProperty("reverted_to").GetInt64());
    }

    [Fact]
    public async Task Forgetting_an_input_deletes_what_it_added_and_the_same_words_are_stored_again_afterwards()
    {
        var api = await host.ReadyAsync();
        var user = User();
        const string content = "Perpetua keeps bees on the roof. She sells the honey at the Saturday market.";
        var added = await api.PostJson("/api/v1/memories", new { content, user_id = user });
        var ids = Results(added).Select(r => r.GetProperty("id").GetGuid()).ToList();
        var sourceId = (await api.GetJson($"/api/v1/memories/{ids[0]}")).Body.GetProperty("source_id").GetGuid();
        Assert.True((await api.PostJson("/api/v1/memories", new { content, user_id = user })).Body.GetProperty("deduplicated").GetBoolean());

        var forgotten = await api.DeleteJson($"/api/v1/sources/{sourceId}");
        Assert.Equal(HttpStatusCode.OK, forgotten.Status);
        Assert.True(forgotten.Body.GetProperty("forgotten").GetBoolean());
        Assert.All(forgotten.Body.GetProperty("memories").EnumerateArray(), m => Assert.Equal("deleted", m.GetProperty("outcome").GetString()));
        Assert.Empty(Results(await api.GetJson($"/api/v1/memories?user_id={user}")));
        Assert.DoesNotContain(await api.SearchTexts("Perpetua bees honey"), t => t.Contains("Perpetua"));
        (await api.GetJson($"/api/v1/sources/{sourceId}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.DeleteJson($"/api/v1/sources/{sourceId}")).AssertError(HttpStatusCode.NotFound, "not_found");
        // The input's words are gone from the event store too, not only from the read model.
        await using (var db = TestEnvironment.Database())
        await using (var raw = db.CreateCommand($"select data::text from {host.Schema}.mt_events where stream_id = $1 order by version"))
        {
            raw.Parameters.AddWithValue(sourceId);
            var events = new List<string>();
            await using var reader = await raw.ExecuteReaderAsync();
            while (await reader.ReadAsync()) events.Add(reader.GetString(0));
            Assert.Equal(2, events.Count);
            Assert.All(events, e => Assert.DoesNotContain("Perpetua", e));
            Assert.Contains("(forgotten)", events[0]);
        }

        var again = await api.PostJson("/api/v1/memories", new { content, user_id = user });
        Assert.Equal(2, Results(again).Count);
        Assert.All(Results(again), r => Assert.Equal("ADD", r.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task A_re_extraction_on_the_local_profile_names_its_ways_of_cutting_text_and_refuses_any_other_model()
    {
        var api = await host.ReadyAsync();
        foreach (var model in new[] { "-1", "1", "turns", "gpt-4o" })
        {
            (await api.PostJson("/api/v1/admin/re-extract", new { model, apply = true })).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        }
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await Mem0.Cli.Admin.ReExtractCommand.RunAsync(api, DateTimeOffset.UtcNow.AddDays(1), "local-turns", false, output, error, CancellationToken.None);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("0 inputs re-extracted with local-turns (local-turns-v2): 0 added, 0 changed, 0 gone.", output.ToString());
    }

    [Fact]
    public async Task Occurred_at_orders_the_list_and_is_refused_when_it_is_no_plausible_time()
    {
        var api = await host.ReadyAsync();
        var user = User();
        await api.AddOne("Cornelius started the night shift at the bakery.", new { user_id = user });
        var old = await api.AddOne("Cornelius was a ferry pilot in 2019.", new { user_id = user, occurred_at = new DateTimeOffset(2019, 4, 2, 9, 0, 0, TimeSpan.Zero) });

        var listed = Results(await api.GetJson($"/api/v1/memories?user_id={user}"));
        Assert.Equal(old, listed[0].GetProperty("id").GetGuid());
        Assert.Equal(new DateTimeOffset(2019, 4, 2, 9, 0, 0, TimeSpan.Zero), listed[0].GetProperty("occurred_at").GetDateTimeOffset());
        Assert.False(listed[1].TryGetProperty("occurred_at", out _));

        (await api.PostJson("/api/v1/memories", new { content = "From the future.", occurred_at = DateTimeOffset.UtcNow.AddDays(3) }))
            .AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        (await api.PostRaw("/api/v1/memories", """{"content":"x","occurred_at":"last tuesday"}""")).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    [Fact]
    public async Task An_imported_2023_conversation_ranks_and_digests_by_2023_not_by_the_day_it_was_imported()
    {
        using var slack = new WebhookReceiver("/services/T000/B000/ZZZZ", 200);
        var now = DateTimeOffset.UtcNow;
        await using var digestHost = new Mem0Host(null, new Dictionary<string, string?> { ["DIGEST_WEBHOOK_URL"] = slack.Url });
        var api = await digestHost.ReadyAsync();
        var export = Path.Combine(Path.GetTempPath(), $"chatgpt-2023-{Guid.NewGuid():N}.json");
        var created2023 = new DateTimeOffset(2023, 5, 14, 18, 30, 0, TimeSpan.Zero);
        await File.WriteAllTextAsync(export, JsonSerializer.Serialize(new[]
        {
            new
            {
                id = "conv-2023", title = "Sailing", create_time = created2023.ToUnixTimeSeconds(), current_node = "m1",
                mapping = new Dictionary<string, object>
                {
                    ["m1"] = new { id = "m1", parent = (string?)null, message = new { author = new { role = "user" }, content = new { content_type = "text", parts = new[] { "I sail a dinghy called Kestrel on Lake Geneva." } } } },
                },
            },
        }));
        try
        {
            var exit = await ImportCommand.RunAsync(api, "chatgpt", export, new ImportOptions(), new StringWriter(), new StringWriter(), CancellationToken.None);
            Assert.Equal(0, exit);
        }
        finally
        {
            File.Delete(export);
        }
        await api.AddOne("I sail a dinghy called Osprey on Lake Annecy.");

        var listed = Results(await api.GetJson("/api/v1/memories"));
        Assert.Equal(["I sail a dinghy called Kestrel on Lake Geneva.", "I sail a dinghy called Osprey on Lake Annecy."],
            listed.Select(r => r.GetProperty("memory").GetString()));
        Assert.Equal(created2023, listed[0].GetProperty("occurred_at").GetDateTimeOffset());
        Assert.True(listed[0].GetProperty("created_at").GetDateTimeOffset() >= now.AddMinutes(-1), "stored today, happened in 2023");

        // Pure recency: the 2023 memory has decayed by three years, today's not at all.
        var ranked = Results(await api.PostJson("/api/v1/memories/search", new { query = "which dinghy do I sail", recency_weight = 1.0 }));
        Assert.Equal("I sail a dinghy called Osprey on Lake Annecy.", ranked[0].GetProperty("memory").GetString());
        Assert.True(ranked[0].GetProperty("rerank_score").GetSingle() > 0.99f);
        Assert.True(ranked[1].GetProperty("rerank_score").GetSingle() < 0.001f);

        Assert.Equal(DigestOutcome.Sent, await digestHost.Services.GetRequiredService<DigestRunner>().RunAsync(CancellationToken.None));
        var post = Assert.Single(slack.Posts);
        Assert.Contains("1 memory from the last day", post.GetProperty("text").GetString());
        Assert.DoesNotContain("Kestrel", post.ToString());
    }
}
