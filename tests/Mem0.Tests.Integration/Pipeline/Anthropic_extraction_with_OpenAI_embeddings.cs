using System.Net;
using System.Text.RegularExpressions;
using Marten;
using Mem0.Contracts.Events;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using Microsoft.Extensions.DependencyInjection;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>
/// mem0's add pipeline with the guide's default providers, driven through the Anthropic and OpenAI client
/// libraries against stand-ins. Each test writes as its own user, so similar-memory lookups see only its memories.
/// </summary>
public sealed partial class Anthropic_extraction_with_OpenAI_embeddings(AnthropicWithOpenAiEmbeddings stack)
    : IClassFixture<AnthropicWithOpenAiEmbeddings>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private Task<JsonReply> Add(string content, string user) => stack.Api.PostJson("/api/v1/memories", new { content, user_id = user });

    private async Task<List<string>> MemoriesOf(string user) =>
        (await stack.Api.GetJson($"/api/v1/memories?user_id={user}&limit=100")).Body.GetProperty("results").EnumerateArray()
        .Select(r => r.GetProperty("memory").GetString()!).ToList();

    [Fact]
    public async Task A_move_updates_the_old_memory_with_history_and_the_model_only_ever_sees_small_ids()
    {
        var user = NewUser();
        var chats = stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count;

        stack.Anthropic.Script(Facts("Lives in Lisbon", "Prefers dark mode"));
        var first = await Add("I live in Lisbon and prefer dark mode", user);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var added = first.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["Lives in Lisbon", "Prefers dark mode"], added.Select(r => r.GetProperty("memory").GetString()));
        Assert.All(added, r => Assert.Equal("ADD", r.GetProperty("event").GetString()));
        // Nothing related was stored yet, so there was nothing to decide: one model call, not two.
        Assert.Equal(chats + 1, stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count);
        var lisbon = added[0].GetProperty("id").GetGuid();

        stack.Anthropic.Script(
            Facts("Moved to Porto"),
            Decision(m => [Entry(m.IdOf("Lisbon"), "Lives in Porto", "UPDATE", "Lives in Lisbon"), Entry(m.IdOf("dark"), "Prefers dark mode", "NONE")]));
        var second = await Add("I moved to Porto", user);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        var change = Assert.Single(second.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(lisbon, change.GetProperty("id").GetGuid());
        Assert.Equal("UPDATE", change.GetProperty("event").GetString());
        Assert.Equal("Lives in Porto", change.GetProperty("memory").GetString());
        Assert.Equal("Lives in Lisbon", change.GetProperty("previous_memory").GetString());
        Assert.Equal(["Lives in Porto", "Prefers dark mode"], await MemoriesOf(user));

        var history = (await stack.Api.GetJson($"/api/v1/memories/{lisbon}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE"], history.Select(h => h.GetProperty("event").GetString()));
        Assert.Equal("Lives in Lisbon", history[1].GetProperty("old_memory").GetString());

        // What went over the wire: the model, the key and version headers, and only numbered memories.
        var decision = stack.Anthropic.Requests(AnthropicStandIn.MessagesPath)[^1];
        var body = ModelStandIn.Body(decision);
        Assert.Equal("claude-haiku-4-5-20251001", body.GetProperty("model").GetString());
        // The official SDK sends the key as a bearer token, with its own API version header.
        Assert.Equal("Bearer " + ProviderStack.AnthropicKey, ModelStandIn.Header(decision, "Authorization"));
        Assert.True(ModelStandIn.HasHeader(decision, "anthropic-version"));
        var sent = decision.RequestMessage.Body!;
        Assert.Contains("keep a person's long-term memory store consistent", sent);
        Assert.DoesNotMatch(Uuid(), sent);
        Assert.Equal(["Lives in Lisbon", "Prefers dark mode"], ModelScripts.Memories(LastUserText(body)).Values.Order());

        var embed = stack.OpenAi.Requests(OpenAiStandIn.EmbeddingsPath)[^1];
        Assert.Equal("Bearer " + ProviderStack.OpenAiKey, ModelStandIn.Header(embed, "Authorization"));
        Assert.Equal("text-embedding-3-small", ModelStandIn.Body(embed).GetProperty("model").GetString());

        // The events carry which model and prompts made them, and what the calls cost.
        await using var session = stack.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(lisbon);
        var update = Assert.IsType<MemoryUpdated>(events[1].Data);
        Assert.Equal("claude-haiku-4-5-20251001", update.Extraction!.Model);
        Assert.Equal("fact-extraction.v1+update-decision.v1", update.Extraction.PromptVersion);
        Assert.Equal((240L, 60L), (update.Extraction.InputTokens!.Value, update.Extraction.OutputTokens!.Value));
        Assert.Equal(120L, Assert.IsType<MemoryAdded>(events[0].Data).Extraction!.InputTokens);
    }

    [Fact]
    public async Task Memories_reach_the_decision_prompt_as_written_in_any_script()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Ölpreise steigen im Winter", "東京に住んでいる"));
        Assert.Equal(HttpStatusCode.OK, (await Add("Ölpreise steigen im Winter. 東京に住んでいる。", user)).Status);

        stack.Anthropic.Script(Facts("Doesn't like Tokyo's summer"),
            Decision(m => [Entry(m.IdOf("Ölpreise"), "Ölpreise steigen im Winter", "NONE"), Entry(m.IdOf("東京"), "東京に住んでいる", "NONE"),
                Entry("new", "Doesn't like Tokyo's summer", "ADD")]));
        Assert.Equal(HttpStatusCode.OK, (await Add("I don't like Tokyo's summer", user)).Status);

        var prompt = LastUserText(ModelStandIn.Body(stack.Anthropic.Requests(AnthropicStandIn.MessagesPath)[^1]));
        Assert.Contains("Ölpreise steigen im Winter", prompt);
        Assert.Contains("東京に住んでいる", prompt);
        Assert.Contains("Doesn't like Tokyo's summer", prompt);
        Assert.DoesNotContain("\\u", prompt);
    }

    [Fact]
    public async Task An_unchanged_fact_is_none_writes_no_event_and_is_not_embedded_again()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Owns a red bicycle"));
        var id = (await Add("I have a red bicycle", user)).Body.GetProperty("results")[0].GetProperty("id").GetGuid();
        var embeddings = stack.OpenAi.Requests(OpenAiStandIn.EmbeddingsPath).Count;

        stack.Anthropic.Script(Facts("Owns a red bicycle"), Decision(m => [Entry(m.IdOf("bicycle"), "Owns a red bicycle", "NONE")]));
        var again = await Add("My bike? It's the red one.", user);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(0, again.Body.GetProperty("results").GetArrayLength());
        Assert.Equal(["Owns a red bicycle"], await MemoriesOf(user));
        var history = (await stack.Api.GetJson($"/api/v1/memories/{id}/history")).Body;
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal(embeddings, stack.OpenAi.Requests(OpenAiStandIn.EmbeddingsPath).Count);
    }

    [Fact]
    public async Task A_contradiction_deletes_with_an_event_so_history_keeps_what_was_believed()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Owns a car", "Commutes by car"));
        var first = await Add("I own a car and commute by car", user);
        var car = first.Body.GetProperty("results")[0].GetProperty("id").GetGuid();

        stack.Anthropic.Script(
            Facts("Sold the car and cycles to work"),
            Decision(m => [Entry(m.IdOf("Owns"), "Owns a car", "DELETE"), Entry(m.IdOf("Commutes"), "Cycles to work", "UPDATE", "Commutes by car")]));
        var second = await Add("I sold my car, I cycle to work now", user);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        var changes = second.Body.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("event").GetString(), r.GetProperty("memory").GetString())).ToList();
        Assert.Equal([("DELETE", "Owns a car"), ("UPDATE", "Cycles to work")], changes);
        Assert.Equal(["Cycles to work"], await MemoriesOf(user));
        (await stack.Api.GetJson($"/api/v1/memories/{car}")).AssertError(HttpStatusCode.NotFound, "not_found");
        var history = (await stack.Api.GetJson($"/api/v1/memories/{car}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "DELETE"], history.Select(h => h.GetProperty("event").GetString()));
        Assert.Equal("Owns a car", history[1].GetProperty("old_memory").GetString());
    }

    [Fact]
    public async Task A_malformed_reply_is_sent_back_once_with_the_error_and_the_mended_reply_is_used()
    {
        var user = NewUser();
        stack.Anthropic.Script(ScriptedReply.Says("Sure! Here are the facts: {\"facts\": [\"Collects vinyl"), Facts("Collects vinyl records"));

        var reply = await Add("I collect vinyl records", user);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["Collects vinyl records"], await MemoriesOf(user));
        var retry = ModelStandIn.Body(stack.Anthropic.Requests(AnthropicStandIn.MessagesPath)[^1]);
        Assert.Contains("could not be used", LastUserText(retry));
    }

    [Fact]
    public async Task Two_malformed_replies_fail_the_add_with_502_and_store_nothing()
    {
        var user = NewUser();
        stack.Anthropic.Script(ScriptedReply.Says("I'd rather not."), ScriptedReply.Says("{\"facts\": \"not a list\"}"));

        var reply = await Add("I am learning Finnish", user);

        reply.AssertError(HttpStatusCode.BadGateway, "upstream_provider_error");
        Assert.Empty(await MemoriesOf(user));
        Assert.Equal(0, stack.Anthropic.Unanswered);
    }

    [Fact]
    public async Task A_429_is_retried_and_the_add_succeeds()
    {
        var user = NewUser();
        var before = stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count;
        stack.Anthropic.Script(ScriptedReply.Fails(429), Facts("Plays chess on Sundays"));

        var reply = await Add("I play chess on Sundays", user);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["Plays chess on Sundays"], await MemoriesOf(user));
        Assert.Equal(before + 2, stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count);
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_is_a_502_after_the_retries_and_nothing_is_stored()
    {
        var user = NewUser();
        var before = stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count;
        stack.Anthropic.Script(ScriptedReply.Fails(503), ScriptedReply.Fails(503), ScriptedReply.Fails(503));

        var reply = await Add("I keep a sourdough starter", user);

        reply.AssertError(HttpStatusCode.BadGateway, "upstream_provider_error");
        Assert.Contains("HTTP 503", reply.Text("detail"));
        Assert.DoesNotContain(ProviderStack.AnthropicKey, reply.Text("detail"));
        Assert.Empty(await MemoriesOf(user));
        Assert.Equal(before + 3, stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count);
    }

    [Fact]
    public async Task Search_with_the_embedding_provider_down_is_a_502_and_recovers_after()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Drinks oat milk"));
        await Add("I drink oat milk", user);
        stack.OpenAi.FailEmbeddings(3);

        var down = await stack.Api.PostJson("/api/v1/memories/search", new { query = "which milk substitute?", user_id = user });

        down.AssertError(HttpStatusCode.BadGateway, "upstream_provider_error");
        Assert.Contains("embedding provider (openai", down.Text("detail"));
        var up = await stack.Api.PostJson("/api/v1/memories/search", new { query = "which milk substitute?", user_id = user });
        Assert.Equal("Drinks oat milk", up.Body.GetProperty("results")[0].GetProperty("memory").GetString());
    }

    [Fact]
    public async Task Over_mcp_a_provider_outage_is_a_tool_error_that_says_so()
    {
        stack.OpenAi.FailEmbeddings(3);
        await using var mcp = await Mem0.Tests.Integration.Mcp.McpConnection.ConnectAsync(stack.Host);

        var result = await mcp.CallToolAsync("search_memories", new Dictionary<string, object?> { ["query"] = "which milk substitute?" });

        Assert.True(result.IsError);
        Assert.Contains("The AI provider failed", Mem0.Tests.Integration.Mcp.McpConnection.Text(result));
        Assert.Contains("embedding provider (openai", Mem0.Tests.Integration.Mcp.McpConnection.Text(result));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
