using System.Net;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>OpenAI (or any OpenAI-compatible server) for both steps, through the OpenAI client library.</summary>
public sealed class OpenAI_for_chat_and_embeddings(OpenAiOnly stack) : IClassFixture<OpenAiOnly>
{
    [Fact]
    public async Task Extraction_uses_json_mode_and_the_bearer_key_and_yields_one_memory_per_fact()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        stack.OpenAi.Script(Facts("Lives in Lisbon", "Prefers dark mode"));

        var reply = await stack.Api.PostJson("/api/v1/memories", new { content = "I live in Lisbon and prefer dark mode", user_id = user });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["Lives in Lisbon", "Prefers dark mode"],
            reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()));
        var chat = stack.OpenAi.Requests(OpenAiStandIn.ChatPath)[^1];
        var body = ModelStandIn.Body(chat);
        Assert.Equal("gpt-4.1-mini", body.GetProperty("model").GetString());
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("Bearer " + ProviderStack.OpenAiKey, ModelStandIn.Header(chat, "Authorization"));
        Assert.Contains("pick out the facts worth keeping", chat.RequestMessage.Body);

        var search = await stack.Api.PostJson("/api/v1/memories/search", new { query = "where does the user live? Lisbon", user_id = user, limit = 1 });
        Assert.Equal("Lives in Lisbon", search.Body.GetProperty("results")[0].GetProperty("memory").GetString());
    }

    [Fact]
    public async Task A_batch_item_run_after_its_batch_is_decided_on_the_facts_already_extracted_not_extracted_again()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        var chats = stack.OpenAi.Requests(OpenAiStandIn.ChatPath).Count;
        // Both notes hold the same fact, so the second runs alone after the first is stored and is decided against it:
        // two extractions, then one decision. A second extraction of the second note would take the decision's reply.
        stack.OpenAi.Script(Facts("Lives in Lisbon"), Facts("Lives in Lisbon"), Decision(m => [Entry(m.IdOf("Lisbon"), "Lives in Lisbon", "NONE")]));

        var items = await BatchOfTwoAsync(user, "I live in Lisbon", "Lisbon is where I live");

        var first = Assert.Single(items[0].GetProperty("results").EnumerateArray());
        Assert.Equal(("ADD", "Lives in Lisbon"), (first.GetProperty("event").GetString(), first.GetProperty("memory").GetString()));
        Assert.Equal(0, items[1].GetProperty("results").GetArrayLength());
        var sent = stack.OpenAi.Requests(OpenAiStandIn.ChatPath).Skip(chats).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(0, stack.OpenAi.Unanswered);
        Assert.Contains("You keep a person's long-term memory store consistent", sent[^1].RequestMessage.Body);
        var stored = await stack.Api.GetJson($"/api/v1/memories?user_id={user}");
        Assert.Equal(1, stored.Body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task A_batch_item_that_repeats_an_earlier_item_s_fact_is_decided_once_after_the_batch_not_also_within_it()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        stack.OpenAi.Script(Facts("Lives in Lisbon"));
        Assert.Equal(HttpStatusCode.OK, (await stack.Api.PostJson("/api/v1/memories", new { content = "I live in Lisbon", user_id = user })).Status);
        var chats = stack.OpenAi.Requests(OpenAiStandIn.ChatPath).Count;

        // Both notes say the same thing: the first is decided in the batch against Lisbon (a move), the second only after
        // the batch's commit, against the moved memory. Deciding the second within the batch too would be a third
        // decision, paid for and thrown away (and would take the reply scripted for the second's real decision).
        stack.OpenAi.Script(Facts("Lives in Porto"), Facts("Lives in Porto"),
            Decision(m => [Entry(m.IdOf("Lisbon"), "Lives in Porto", "UPDATE", "Lives in Lisbon")]),
            Decision(m => [Entry(m.IdOf("Porto"), "Lives in Porto", "NONE")]));
        var items = await BatchOfTwoAsync(user, "I moved to Porto", "Porto is home now");

        var moved = Assert.Single(items[0].GetProperty("results").EnumerateArray());
        Assert.Equal(("UPDATE", "Lives in Porto", "Lives in Lisbon"),
            (moved.GetProperty("event").GetString(), moved.GetProperty("memory").GetString(), moved.GetProperty("previous_memory").GetString()));
        Assert.Equal(0, items[1].GetProperty("results").GetArrayLength());
        var sent = stack.OpenAi.Requests(OpenAiStandIn.ChatPath).Skip(chats).ToList();
        Assert.Equal(4, sent.Count);
        Assert.Equal(0, stack.OpenAi.Unanswered);
        Assert.Equal(["Lives in Porto"], ModelScripts.Memories(LastUserText(ModelStandIn.Body(sent[^1]))).Values);
    }

    /// <summary>Two notes in one batch request; both must be answered 200 (each item's answer is returned).</summary>
    private async Task<List<System.Text.Json.JsonElement>> BatchOfTwoAsync(string user, string first, string second)
    {
        var reply = await stack.Api.PostJson("/api/v1/memories/batch", new
        {
            items = new object[] { new { content = first, user_id = user }, new { content = second, user_id = user } },
        });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var items = reply.Body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([200, 200], items.Select(i => i.GetProperty("status").GetInt32()));
        return items;
    }
}
