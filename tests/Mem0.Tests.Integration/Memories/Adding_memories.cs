using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>The add flow of the guide: extraction into facts, fingerprint dedup before extraction, validation.</summary>
public sealed class Adding_memories(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task Content_becomes_one_memory_per_sentence_and_each_is_readable()
    {
        var api = await host.ReadyAsync();
        var reply = await api.PostJson("/api/v1/memories", new
        {
            content = "Alice deploys with Kubernetes at work. Alice's laptop runs Fedora 41.",
            agent_id = "claude-code",
            run_id = "run-7",
            metadata = new { source = "user", confidence = "high" },
        });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["Alice deploys with Kubernetes at work.", "Alice's laptop runs Fedora 41."],
            results.Select(r => r.GetProperty("memory").GetString()));
        Assert.All(results, r => Assert.Equal("ADD", r.GetProperty("event").GetString()));
        Assert.False(reply.Body.TryGetProperty("deduplicated", out _));

        var stored = await api.GetJson($"/api/v1/memories/{results[1].GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, stored.Status);
        Assert.Equal("Alice's laptop runs Fedora 41.", stored.Text("memory"));
        Assert.Equal("claude-code", stored.Text("agent_id"));
        Assert.Equal("run-7", stored.Text("run_id"));
        Assert.Equal("default-user", stored.Text("user_id"));
        Assert.Equal("high", stored.Body.GetProperty("metadata").GetProperty("confidence").GetString());
    }

    [Fact]
    public async Task Adding_the_same_content_again_in_other_case_and_spacing_returns_the_first_memory_id()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Bob's favourite editor is Helix.");

        var again = await api.PostJson("/api/v1/memories", new { content = "  BOB'S   favourite\teditor is helix. " });

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.True(again.Body.GetProperty("deduplicated").GetBoolean());
        Assert.Equal(id, again.Body.GetProperty("memory_id").GetGuid());
        Assert.Equal(0, again.Body.GetProperty("results").GetArrayLength());
        Assert.Single(await api.ListIds(), x => x == id);
    }

    [Fact]
    public async Task Dedup_is_per_user_the_same_words_from_another_user_are_that_users_own_memory()
    {
        var api = await host.ReadyAsync();
        var alice = await api.AddOne("The staff room code is 4471.", new { user_id = "alice" });

        var bob = await api.PostJson("/api/v1/memories", new { content = "The staff room code is 4471.", user_id = "bob" });

        Assert.Equal(HttpStatusCode.OK, bob.Status);
        Assert.False(bob.Body.TryGetProperty("deduplicated", out var d) && d.GetBoolean(), bob.Body.ToString());
        var bobs = bob.Body.GetProperty("results")[0].GetProperty("id").GetGuid();
        Assert.NotEqual(alice, bobs);
        Assert.Equal([bobs], await api.ListIds("&user_id=bob"));
        Assert.Equal([alice], await api.ListIds("&user_id=alice"));
        var again = await api.PostJson("/api/v1/memories", new { content = "THE STAFF  room code is 4471.", user_id = "bob" });
        Assert.Equal(bobs, again.Body.GetProperty("memory_id").GetGuid());
    }

    [Fact]
    public async Task Dedup_false_runs_extraction_again_and_the_decision_step_still_stores_no_duplicate()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Carol keeps her notes in Logseq.");
        var before = (await api.ListIds()).Count;

        var forced = await api.PostJson("/api/v1/memories", new { content = "Carol keeps her notes in Logseq.", dedup = false });
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.False(forced.Body.TryGetProperty("deduplicated", out _));
        Assert.Equal(0, forced.Body.GetProperty("results").GetArrayLength());

        var extended = await api.PostJson("/api/v1/memories",
            new { content = "Carol keeps her notes in Logseq. Carol syncs them with Syncthing.", dedup = false });
        var added = extended.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()).ToList();
        Assert.Equal(["Carol syncs them with Syncthing."], added);
        Assert.Equal(before + 1, (await api.ListIds()).Count);
        Assert.Contains(id, await api.ListIds());
    }

    [Fact]
    public async Task A_transcript_stores_what_the_user_said_not_the_assistant()
    {
        var api = await host.ReadyAsync();
        var reply = await api.PostJson("/api/v1/memories", new
        {
            messages = new[]
            {
                new { role = "user", content = "Dave's dog is a greyhound named Pixel." },
                new { role = "assistant", content = "Greyhounds are lovely. Anything else?" },
                new { role = "user", content = "Dave walks Pixel every morning." },
            },
        });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var facts = reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()).ToList();
        Assert.Equal(["Dave's dog is a greyhound named Pixel.", "Dave walks Pixel every morning."], facts);
    }

    [Fact]
    public async Task Eight_concurrent_identical_adds_store_exactly_one_memory()
    {
        var api = await host.ReadyAsync();
        const string content = "Erin's build server is named hopper and runs in the basement.";
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostJson("/api/v1/memories", new { content })));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var ids = replies.SelectMany(r => r.Body.TryGetProperty("memory_id", out var m)
                ? [m.GetGuid()]
                : r.Body.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()))
            .Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(1, replies.Count(r => r.Body.GetProperty("results").GetArrayLength() == 1));

        var listed = await api.GetJson("/api/v1/memories?limit=100");
        Assert.Single(listed.Body.GetProperty("results").EnumerateArray(), m => m.GetProperty("memory").GetString() == content);
    }

    [Theory]
    [InlineData("{}", "content or messages is required.")]
    [InlineData("""{"content": ""}""", "content must not be empty.")]
    [InlineData("""{"content": "a", "messages": [{"role": "user", "content": "b"}]}""", "Give either content or messages, not both.")]
    [InlineData("""{"messages": []}""", "messages must hold at least one message.")]
    [InlineData("""{"messages": [{"content": "hi"}]}""", "messages[0].role is required.")]
    [InlineData("""{"content": 5}""", "Request body has a value of the wrong type at $.content.")]
    [InlineData("""{"content": "x", "metadata": "not an object"}""", "Request body has a value of the wrong type at $.metadata.")]
    [InlineData("""{"content": "x", "dedup": "yes"}""", "Request body has a value of the wrong type at $.dedup.")]
    [InlineData("""{"content": """, "Request body is not valid JSON (near $.content).")]
    public async Task A_malformed_add_is_a_422_in_the_error_shape_and_stores_nothing(string body, string detail)
    {
        var api = await host.ReadyAsync();
        var before = (await api.ListIds()).Count;

        var reply = await api.PostRaw("/api/v1/memories", body);

        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(detail, reply.Text("detail"));
        Assert.Equal(before, (await api.ListIds()).Count);
    }
}
