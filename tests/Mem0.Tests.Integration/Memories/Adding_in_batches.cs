using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// `POST /api/v1/memories/batch`: up to 100 adds in one request, each with its own answer; bad items refused alone;
/// known inputs and repeats inside the batch answered as duplicates; idempotent as a whole under `Idempotency-Key`,
/// also when the first answer was never stored.
/// </summary>
public sealed class Adding_in_batches(SharedHost host) : IClassFixture<SharedHost>
{
    private static List<JsonElement> Items(JsonReply reply) => reply.Body.GetProperty("items").EnumerateArray().ToList();

    private static HttpRequestMessage Post(object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/memories/batch")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Good_items_are_stored_bad_ones_get_their_own_422_and_known_or_repeated_inputs_are_duplicates()
    {
        var api = await host.ReadyAsync();
        var user = "batch-" + Guid.NewGuid().ToString("N")[..8];
        var known = await api.AddOne("Quentin keeps bees on the roof of his garage.", new { user_id = user });

        var reply = await api.PostJson("/api/v1/memories/batch", new
        {
            items = new object?[]
            {
                new { content = "Quentin's hives produced 12 kg of honey this summer.", user_id = user, agent_id = "import:notes" },
                new { content = "   ", user_id = user },
                new { messages = new[] { new { role = "user", content = "I switched my editor to Helix." } }, user_id = user, metadata = new { source = "chat" } },
                new { messages = new[] { new { role = "narrator", content = "Once upon a time" } }, user_id = user },
                new { content = "quentin keeps bees on the roof of his garage.", user_id = user },
                null,
                new { content = "Quentin's hives produced 12 kg of honey this summer.", user_id = user },
                new { content = "Nul\u0000byte", user_id = user },
            },
        });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var items = Items(reply);
        Assert.Equal(Enumerable.Range(0, 8), items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal([200, 422, 200, 422, 200, 422, 200, 422], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal("ADD", items[0].GetProperty("results")[0].GetProperty("event").GetString());
        Assert.Equal("Quentin's hives produced 12 kg of honey this summer.", items[0].GetProperty("results")[0].GetProperty("memory").GetString());
        Assert.Equal("validation_error", items[1].GetProperty("error").GetString());
        Assert.StartsWith("items[1]: content must not be empty", items[1].GetProperty("detail").GetString());
        Assert.Equal("I switched my editor to Helix.", items[2].GetProperty("results")[0].GetProperty("memory").GetString());
        Assert.Contains("role must be one of", items[3].GetProperty("detail").GetString());
        Assert.True(items[4].GetProperty("deduplicated").GetBoolean());
        Assert.Equal(known, items[4].GetProperty("memory_id").GetGuid());
        Assert.Contains("must be an add body", items[5].GetProperty("detail").GetString());
        // The same input twice in one batch is stored once: the second ran after the first and found it.
        Assert.True(items[6].GetProperty("deduplicated").GetBoolean());
        Assert.Equal(items[0].GetProperty("results")[0].GetProperty("id").GetGuid(), items[6].GetProperty("memory_id").GetGuid());
        Assert.Equal(2, reply.Body.GetProperty("added").GetInt32());
        Assert.Equal(2, reply.Body.GetProperty("deduplicated").GetInt32());
        Assert.Equal(4, reply.Body.GetProperty("failed").GetInt32());

        var stored = await api.GetJson($"/api/v1/memories?user_id={user}&limit=50");
        var texts = stored.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()).Order().ToList();
        Assert.Equal(["I switched my editor to Helix.", "Quentin keeps bees on the roof of his garage.", "Quentin's hives produced 12 kg of honey this summer."], texts);
        var helix = await api.GetJson($"/api/v1/memories/{items[2].GetProperty("results")[0].GetProperty("id").GetGuid()}");
        Assert.Equal("chat", helix.Body.GetProperty("metadata").GetProperty("source").GetString());
        var honey = await api.GetJson($"/api/v1/memories/{items[0].GetProperty("results")[0].GetProperty("id").GetGuid()}");
        Assert.Equal("import:notes", honey.Text("agent_id"));
        // Each stored item is searchable at once, as a single add's memory is.
        Assert.Contains("Quentin's hives produced 12 kg of honey this summer.", await SearchAsync(api, "how much honey did the hives make", user));

        var timing = reply.Response.Headers.GetValues("Server-Timing").Single();
        foreach (var stage in new[] { "fingerprint", "bus", "extract", "embed", "commit", "index-wait" }) Assert.Contains(stage + ";dur=", timing);
    }

    [Fact]
    public async Task A_retry_under_the_same_key_is_replayed_and_after_a_lost_answer_each_item_answers_from_its_receipt()
    {
        var api = await host.ReadyAsync();
        var user = "batch-" + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();
        var body = new
        {
            items = new object[]
            {
                new { content = "Rosamund's violin was made in Cremona in 1921.", user_id = user },
                new { content = "Rosamund plays in a string quartet on Thursdays.", user_id = user },
                new { content = "", user_id = user },
            },
        };

        using var first = await api.SendAsync(Post(body, key));
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var replay = await api.SendAsync(Post(body, key)))
        {
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(firstText, await replay.Content.ReadAsStringAsync());
        }

        // The first answer lost (a crash after the commit, before the answer was stored): the retry runs again, and
        // each item answers what it did the first time, with the same memory, not "deduplicated".
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Delete<Mem0.Projections.Commands.IdempotencyRecord>("/api/v1/memories/batch|" + key);
            await session.SaveChangesAsync();
        }
        using var retry = await api.SendAsync(Post(body, key));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        using var firstDoc = JsonDocument.Parse(firstText);
        using var retryDoc = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
        var before = firstDoc.RootElement.GetProperty("items").EnumerateArray().ToList();
        var after = retryDoc.RootElement.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < 2; i++)
        {
            Assert.False(after[i].TryGetProperty("deduplicated", out _));
            Assert.Equal(before[i].GetProperty("results")[0].GetProperty("id").GetGuid(), after[i].GetProperty("results")[0].GetProperty("id").GetGuid());
            Assert.Equal("ADD", after[i].GetProperty("results")[0].GetProperty("event").GetString());
        }
        Assert.Equal(422, after[2].GetProperty("status").GetInt32());
        var stored = await api.GetJson($"/api/v1/memories?user_id={user}&limit=50");
        Assert.Equal(2, stored.Body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task An_empty_missing_overlong_or_too_large_batch_is_refused_whole_and_nothing_is_stored()
    {
        var api = await host.ReadyAsync();
        var user = "batch-" + Guid.NewGuid().ToString("N")[..8];
        (await api.PostJson("/api/v1/memories/batch", new { items = Array.Empty<object>() })).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        (await api.PostJson("/api/v1/memories/batch", new { content = "not a batch" })).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        (await api.PostRaw("/api/v1/memories/batch", """{"items": 7}""")).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        var tooMany = await api.PostJson("/api/v1/memories/batch",
            new { items = Enumerable.Range(0, 101).Select(i => new { content = $"Fact number {i} about Ulrike.", user_id = user }) });
        tooMany.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Contains("at most 100", tooMany.Text("detail"));
        // Past the body limit the whole batch is refused before it is read: 413, the error shape, nothing stored.
        var huge = await api.PostJson("/api/v1/memories/batch",
            new { items = Enumerable.Range(0, 12).Select(i => new { content = new string('x', 90_000) + $" item {i}", user_id = user }) });
        huge.AssertError(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var stored = await api.GetJson($"/api/v1/memories?user_id={user}");
        Assert.Equal(0, stored.Body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task A_single_add_answers_with_its_stages_in_Server_Timing()
    {
        var api = await host.ReadyAsync();
        var reply = await api.PostJson("/api/v1/memories", new { content = $"Wilhelmina's locker code is {Random.Shared.Next(1000, 9999)}." });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var stages = reply.Response.Headers.GetValues("Server-Timing").Single().Split(", ").Select(s => s.Split(";dur=")).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["fingerprint", "bus", "receipt", "extract", "embed", "similar", "decide", "commit", "index-wait"], stages.Keys);
        Assert.All(stages.Values, ms => Assert.True(ms >= 0));
        // A repeat answers from the fingerprint alone: no bus, no model.
        var again = await api.PostJson("/api/v1/memories", new { content = reply.Body.GetProperty("results")[0].GetProperty("memory").GetString() });
        Assert.Equal("fingerprint", Assert.Single(again.Response.Headers.GetValues("Server-Timing").Single().Split(", ")).Split(';')[0]);
    }

    private static async Task<List<string?>> SearchAsync(HttpClient api, string query, string user)
    {
        var found = await api.PostJson("/api/v1/memories/search", new { query, user_id = user, limit = 5 });
        return found.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()).ToList();
    }
}
