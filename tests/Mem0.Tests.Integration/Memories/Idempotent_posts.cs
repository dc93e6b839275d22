using System.Net;
using System.Text;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Memories;

/// <summary>`Idempotency-Key` on REST POSTs: replay, a different body under the same key, a retry in flight.</summary>
public sealed class Idempotent_posts(SharedHost host) : IClassFixture<SharedHost>
{
    private static HttpRequestMessage Post(string path, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_replayed()
    {
        var api = await host.ReadyAsync();
        var key = $"\"{Guid.NewGuid()}\"";
        const string body = """{"content":"Theodora bakes sourdough every Sunday.","agent_id":"n8n-flow"}""";

        using var first = await api.SendAsync(Post("/api/v1/memories", body, key));
        var firstBody = await first.Content.ReadAsStringAsync();
        using var retry = await api.SendAsync(Post("/api/v1/memories", body, key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("\"event\":\"ADD\"", firstBody);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        // The replay is the first answer itself, not the fingerprint's "deduplicated" answer to a new add.
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_a_malformed_key_is_refused()
    {
        var api = await host.ReadyAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await api.SendAsync(Post("/api/v1/memories/search", """{"query":"bread"}""", key));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var other = await api.SendAsync(Post("/api/v1/memories/search", """{"query":"cake"}""", key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("different request body", await other.Content.ReadAsStringAsync());

        using var malformed = await api.SendAsync(Post("/api/v1/memories/search", """{"query":"cake"}""", new string('k', 129)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
    }

    [Fact]
    public async Task A_retry_while_the_first_is_still_running_is_409_and_afterwards_replays()
    {
        using var openAi = new OpenAiStandIn();
        await using var slow = new Mem0Host(null, new Dictionary<string, string?>
        {
            ["MEM0_EMBED_PROVIDER"] = "openai",
            ["OPENAI_BASE_URL"] = openAi.Url + "/v1",
            ["OPENAI_API_KEY"] = "test-openai-key",
            ["MEM0_LLM_PROVIDER"] = "local",
        });
        var api = await slow.ReadyAsync();
        openAi.SlowEmbeddings(TimeSpan.FromMilliseconds(1500));
        var key = Guid.NewGuid().ToString();
        const string body = """{"content":"Casimir restores canal boats."}""";

        var first = api.SendAsync(Post("/api/v1/memories", body, key));
        // Wait for this add's own embedding call to arrive (it is then held for 1.5 s), not any call, and not for its
        // log entry: that is written when the call is answered, so the retry raced the add's commit under load.
        await Eventually.HoldsAsync(() => openAi.EmbeddingArrived("Casimir"), TimeSpan.FromSeconds(30), "the add's embedding call",
            every: TimeSpan.FromMilliseconds(20));
        using (var inFlight = await api.SendAsync(Post("/api/v1/memories", body, key)))
        {
            Assert.Equal(HttpStatusCode.Conflict, inFlight.StatusCode);
            Assert.Contains("still being processed", await inFlight.Content.ReadAsStringAsync());
        }

        using var done = await first;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var after = await api.SendAsync(Post("/api/v1/memories", body, key));
        Assert.Equal((HttpStatusCode.OK, await done.Content.ReadAsStringAsync()), (after.StatusCode, await after.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_request_is_a_lease_a_retry_takes_over_once_it_has_run_out()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, new Dictionary<string, string?>(), clock: clock);
        var api = await host.ReadyAsync();
        const string body = """{"content":"Rosalind's allotment is plot 14."}""";
        var key = Guid.NewGuid().ToString();
        // What a request that died mid-flight leaves behind: its claim, never completed.
        await using (var session = host.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession())
        {
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes("POST /api/v1/memories\n" + body)));
            session.Insert(new Mem0.Projections.Commands.IdempotencyRecord
            {
                Id = "/api/v1/memories|" + key, RequestHash = hash, CreatedAt = clock.GetUtcNow(),
                LeaseUntil = clock.GetUtcNow() + Mem0.Api.Idempotency.IdempotencyMiddleware.LeaseTime,
            });
            await session.SaveChangesAsync();
        }

        using (var held = await api.SendAsync(Post("/api/v1/memories", body, key))) Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        // Its process renews the lease while it runs; a dead one does not, and the lease runs out within seconds.
        clock.Advance(Mem0.Api.Idempotency.IdempotencyMiddleware.LeaseTime + TimeSpan.FromSeconds(1));
        using (var otherBody = await api.SendAsync(Post("/api/v1/memories", """{"content":"something else"}""", key)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        }
        using var taken = await api.SendAsync(Post("/api/v1/memories", body, key));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        using var replayed = await api.SendAsync(Post("/api/v1/memories", body, key));
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await taken.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
    }
}
