using System.Net;
using System.Text.Json;
using Marten;
using Mem0.Contracts.Events;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using Microsoft.Extensions.DependencyInjection;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>
/// MEM0_PIPELINE=one-call on the OpenAI client library and stand-in: what goes over the wire (one chat call per add
/// with the one-call prompt, the input and the memories closest to it under small ids), and how the answer is mapped
/// (ADD, UPDATE with history, NONE, an unknown id repaired as in the two-call pipeline).
/// </summary>
public sealed class One_call_pipeline(OpenAiOneCall stack) : IClassFixture<OpenAiOneCall>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private int Chats => stack.OpenAi.Requests(OpenAiStandIn.ChatPath).Count;

    [Fact]
    public async Task Each_add_is_one_model_call_that_sees_the_input_and_its_closest_memories_under_small_ids()
    {
        var user = NewUser();
        var chats = Chats;
        stack.OpenAi.Script(Decision(_ => [Entry("0", "Lives in Lisbon", "ADD"), Entry("1", "Prefers dark mode", "ADD")]));
        var first = await stack.Api.PostJson("/api/v1/memories", new { content = "I live in Lisbon and prefer dark mode", user_id = user });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var added = first.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["Lives in Lisbon", "Prefers dark mode"], added.Select(r => r.GetProperty("memory").GetString()));
        Assert.Equal(chats + 1, Chats);
        var request = ModelStandIn.Body(stack.OpenAi.Requests(OpenAiStandIn.ChatPath)[^1]);
        Assert.Equal("json_object", request.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Contains("In one answer, pick out what is worth remembering", request.GetProperty("messages")[0].ToString());
        using (var sent = JsonDocument.Parse(LastUserText(request)))
        {
            Assert.Equal("I live in Lisbon and prefer dark mode", sent.RootElement.GetProperty("input").GetString());
            Assert.Equal(0, sent.RootElement.GetProperty("memories").GetArrayLength());
        }
        var lisbon = added[0].GetProperty("id").GetGuid();

        // A move: one call that both extracts and decides, against the stored memories under small numbers.
        stack.OpenAi.Script(Decision(m => [Entry(m.IdOf("Lisbon"), "Lives in Porto", "UPDATE", "Lives in Lisbon"), Entry(m.IdOf("dark"), "Prefers dark mode", "NONE")]));
        var moved = await stack.Api.PostJson("/api/v1/memories", new { messages = new[] { new { role = "user", content = "I moved to Porto last month" }, new { role = "assistant", content = "Noted!" } }, user_id = user });

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal(chats + 2, Chats);
        var change = Assert.Single(moved.Body.GetProperty("results").EnumerateArray());
        Assert.Equal((lisbon, "UPDATE", "Lives in Porto", "Lives in Lisbon"),
            (change.GetProperty("id").GetGuid(), change.GetProperty("event").GetString(), change.GetProperty("memory").GetString(), change.GetProperty("previous_memory").GetString()));
        var decisionRequest = stack.OpenAi.Requests(OpenAiStandIn.ChatPath)[^1];
        using (var sent = JsonDocument.Parse(LastUserText(ModelStandIn.Body(decisionRequest))))
        {
            Assert.Equal("user: I moved to Porto last month\nassistant: Noted!", sent.RootElement.GetProperty("input").GetString());
            Assert.Equal(["Lives in Lisbon", "Prefers dark mode"], ModelScripts.Memories(sent.RootElement.GetRawText()).Values.Order());
        }
        Assert.DoesNotContain(lisbon.ToString(), decisionRequest.RequestMessage.Body!);

        var history = (await stack.Api.GetJson($"/api/v1/memories/{lisbon}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE"], history.Select(h => h.GetProperty("event").GetString()));
        await using var session = stack.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var update = Assert.IsType<MemoryUpdated>((await session.Events.FetchStreamAsync(lisbon))[1].Data);
        Assert.Equal("one-call.v1", update.Extraction!.PromptVersion);
    }

    [Fact]
    public async Task An_update_of_an_id_it_was_not_shown_is_kept_as_a_new_memory_and_nothing_worth_keeping_stores_nothing()
    {
        var user = NewUser();
        stack.OpenAi.Script(Decision(_ => [Entry("7", "Keeps a sourdough starter called Gerald", "UPDATE", "something")]));
        var made = await stack.Api.PostJson("/api/v1/memories", new { content = "My sourdough starter is called Gerald", user_id = user });
        var kept = Assert.Single(made.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(("ADD", "Keeps a sourdough starter called Gerald"), (kept.GetProperty("event").GetString(), kept.GetProperty("memory").GetString()));

        stack.OpenAi.Script(Decision(_ => []));
        var nothing = await stack.Api.PostJson("/api/v1/memories", new { content = "thanks, that's all", user_id = user });
        Assert.Equal(HttpStatusCode.OK, nothing.Status);
        Assert.Equal(0, nothing.Body.GetProperty("results").GetArrayLength());
        var stored = await stack.Api.GetJson($"/api/v1/memories?user_id={user}");
        Assert.Equal(1, stored.Body.GetProperty("results").GetArrayLength());
    }
}
