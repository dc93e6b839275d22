using System.Net;
using System.Text.Json;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>
/// Sources, event time and undo with the guide's providers (Anthropic for the model, OpenAI for embeddings) on their
/// stand-ins: what the model is asked, and how often. Each test writes as its own user.
/// </summary>
public sealed class Sources_and_undo_with_a_model(AnthropicWithOpenAiEmbeddings stack) : IClassFixture<AnthropicWithOpenAiEmbeddings>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private int Chats => stack.Anthropic.Requests(AnthropicStandIn.MessagesPath).Count;

    private async Task<List<string>> MemoriesOf(string user) =>
        (await stack.Api.GetJson($"/api/v1/memories?user_id={user}&limit=100")).Body.GetProperty("results").EnumerateArray()
        .Select(r => r.GetProperty("memory").GetString()!).ToList();

    [Fact]
    public async Task A_repeated_input_that_held_no_fact_costs_no_model_call_the_second_time()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts());
        var first = await stack.Api.PostJson("/api/v1/memories", new { content = "Thanks, that's all for now!", user_id = user });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(0, first.Body.GetProperty("results").GetArrayLength());
        var chats = Chats;

        var again = await stack.Api.PostJson("/api/v1/memories", new { content = "thanks,   that's all for now!", user_id = user });

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.True(again.Body.GetProperty("deduplicated").GetBoolean());
        Assert.Equal(chats, Chats);
        Assert.Equal(0, stack.Anthropic.Unanswered);
    }

    [Fact]
    public async Task The_extraction_prompt_is_dated_by_the_content_s_occurred_at_not_by_today()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Visited Porto in early May 2023"));
        var reply = await stack.Api.PostJson("/api/v1/memories",
            new { content = "Last week I visited Porto.", user_id = user, occurred_at = "2023-05-14T18:30:00Z" });
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var system = SystemText(ModelStandIn.Body(stack.Anthropic.Requests(AnthropicStandIn.MessagesPath)[^1]));
        Assert.Contains("Today is 2023-05-14.", system);
        var memory = (await stack.Api.GetJson($"/api/v1/memories?user_id={user}")).Body.GetProperty("results")[0];
        Assert.Equal(new DateTimeOffset(2023, 5, 14, 18, 30, 0, TimeSpan.Zero), memory.GetProperty("occurred_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Undoing_an_input_restores_all_five_memories_its_update_and_delete_decision_touched()
    {
        var user = NewUser();
        string[] facts = ["Lives in Lisbon", "Works as a nurse", "Has a cat named Pixel", "Drives a blue van", "Plays the cello"];
        stack.Anthropic.Script(Facts(facts));
        var first = await stack.Api.PostJson("/api/v1/memories", new { content = "About me: Lisbon, nurse, Pixel, van, cello.", user_id = user });
        Assert.Equal(5, first.Body.GetProperty("results").GetArrayLength());

        // A wrong decision: three memories rewritten and two deleted by one input.
        stack.Anthropic.Script(Facts("Moved to Madrid"), Decision(m =>
        [
            Entry(m.IdOf("Lisbon"), "Lives in Madrid", "UPDATE", "Lives in Lisbon"),
            Entry(m.IdOf("nurse"), "Works as a doctor", "UPDATE", "Works as a nurse"),
            Entry(m.IdOf("Pixel"), "Has a dog named Pixel", "UPDATE", "Has a cat named Pixel"),
            Entry(m.IdOf("van"), "Drives a blue van", "DELETE"),
            Entry(m.IdOf("cello"), "Plays the cello", "DELETE"),
        ]));
        var wrong = await stack.Api.PostJson("/api/v1/memories", new { content = "I moved to Madrid.", user_id = user });
        Assert.Equal(["UPDATE", "UPDATE", "UPDATE", "DELETE", "DELETE"],
            wrong.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("event").GetString()));
        Assert.Equal(["Has a dog named Pixel", "Lives in Madrid", "Works as a doctor"], (await MemoriesOf(user)).Order());
        var changed = wrong.Body.GetProperty("results")[0].GetProperty("id").GetGuid();
        var source = (await stack.Api.GetJson($"/api/v1/memories/{changed}")).Body.GetProperty("source_id").GetGuid();
        var read = await stack.Api.GetJson($"/api/v1/sources/{source}");
        Assert.Equal("I moved to Madrid.", read.Text("content"));
        Assert.Equal(5, read.Body.GetProperty("memories").GetArrayLength());
        var chats = Chats;

        var undone = await stack.Api.PostJson($"/api/v1/sources/{source}/undo", new { });

        Assert.Equal(HttpStatusCode.OK, undone.Status);
        Assert.Equal(["restored", "restored", "reverted", "reverted", "reverted"],
            undone.Body.GetProperty("memories").EnumerateArray().Select(m => m.GetProperty("outcome").GetString()).Order());
        Assert.Equal(facts.Order(), (await MemoriesOf(user)).Order());
        Assert.Equal(chats, Chats);
        var history = (await stack.Api.GetJson($"/api/v1/memories/{changed}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE", "UPDATE"], history.Select(h => h.GetProperty("event").GetString()));
        Assert.Equal(1, history[2].GetProperty("reverted_to").GetInt64());
        Assert.Equal(source, history[1].GetProperty("source_id").GetGuid());
        // Searchable again as they were.
        var found = await stack.Api.PostJson("/api/v1/memories/search", new { query = "Plays the cello", user_id = user, limit = 1 });
        Assert.Equal("Plays the cello", found.Body.GetProperty("results")[0].GetProperty("memory").GetString());

        // Undoing again changes nothing; a memory changed after the input is left alone and said so.
        var twice = await stack.Api.PostJson($"/api/v1/sources/{source}/undo", new { });
        Assert.All(twice.Body.GetProperty("memories").EnumerateArray(), m => Assert.Equal("unchanged", m.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task An_undo_skips_a_memory_changed_after_the_input_and_says_how_to_revert_it()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Owns a sailboat", "Sails on Sundays"));
        await stack.Api.PostJson("/api/v1/memories", new { content = "I own a sailboat and sail on Sundays.", user_id = user });
        stack.Anthropic.Script(Facts("Sold the sailboat"), Decision(m =>
            [Entry(m.IdOf("Owns"), "Sold the sailboat", "UPDATE", "Owns a sailboat"), Entry(m.IdOf("Sundays"), "Sails on Sundays", "DELETE")]));
        var wrong = await stack.Api.PostJson("/api/v1/memories", new { content = "I sold the sailboat.", user_id = user });
        var boat = wrong.Body.GetProperty("results")[0].GetProperty("id").GetGuid();
        var source = (await stack.Api.GetJson($"/api/v1/memories/{boat}")).Body.GetProperty("source_id").GetGuid();
        await stack.Api.PutJson($"/api/v1/memories/{boat}", new { content = "Sold the sailboat in May" });

        var undone = await stack.Api.PostJson($"/api/v1/sources/{source}/undo", new { });

        var outcomes = undone.Body.GetProperty("memories").EnumerateArray().ToDictionary(m => m.GetProperty("memory_id").GetGuid());
        Assert.Equal("skipped", outcomes[boat].GetProperty("outcome").GetString());
        Assert.Contains("revert it by version", outcomes[boat].GetProperty("reason").GetString());
        Assert.Equal(["Sails on Sundays", "Sold the sailboat in May"], (await MemoriesOf(user)).Order());
    }

    [Fact]
    public async Task A_memory_an_add_s_decision_rewrote_waits_in_the_console_s_review_queue_until_someone_reviews_it()
    {
        var user = NewUser();
        stack.Anthropic.Script(Facts("Drives a red van", "Parks on Elm Street"));
        await stack.Api.PostJson("/api/v1/memories", new { content = "I drive a red van and park on Elm Street.", user_id = user });
        stack.Anthropic.Script(Facts("Drives a blue van"), Decision(m => [Entry(m.IdOf("red van"), "Drives a blue van", "UPDATE", "Drives a red van")]));
        var rewritten = (await stack.Api.PostJson("/api/v1/memories", new { content = "I repainted the van blue.", user_id = user }))
            .Body.GetProperty("results")[0].GetProperty("id").GetGuid();

        using var console = new ReviewConsole.ConsoleVisitor(stack.Host);
        await console.SignInAsync(stack.Host.ApiKey);
        var (_, queue) = await console.GetAsync($"/ui/review?user_id={user}");
        Assert.Contains("Drives a blue van", queue);
        Assert.Contains("rewritten by extraction", queue);
        Assert.DoesNotContain("Parks on Elm Street", queue);

        var (approved, _) = await console.PostAsync($"/ui/review?user_id={user}", [new("ids", rewritten.ToString()), new("action", "approved")]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var (_, after) = await console.GetAsync($"/ui/review?user_id={user}");
        Assert.DoesNotContain("Drives a blue van", after);
        var memory = await stack.Api.GetJson($"/api/v1/memories/{rewritten}");
        Assert.Equal("approved", memory.Body.GetProperty("metadata").GetProperty("review_status").GetString());
    }

    [Fact]
    public async Task A_re_extraction_dry_run_reports_a_model_change_s_difference_and_changes_nothing_until_applied()
    {
        var user = NewUser();
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        stack.Anthropic.Script(Facts("Likes tea", "Walks every day", "Owns a kayak"));
        await stack.Api.PostJson("/api/v1/memories", new { content = "I like tea, walk every day and own a kayak.", user_id = user });
        var chats = Chats;

        // The other model reads the same input differently: one fact sharper, one new, one not at all.
        stack.Anthropic.Script(Facts("Likes green tea", "Walks every day", "Lives near a lake"));
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await Mem0.Cli.Admin.ReExtractCommand.RunAsync(stack.Api, since, "claude-sonnet-4-5", apply: false, output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal(chats + 1, Chats);
        Assert.Equal("claude-sonnet-4-5", ModelStandIn.Body(stack.Anthropic.Requests(AnthropicStandIn.MessagesPath)[^1]).GetProperty("model").GetString());
        var report = output.ToString();
        Assert.Contains("~ ", report);
        Assert.Contains("Likes tea -> Likes green tea", report);
        Assert.Contains("+ Lives near a lake", report);
        Assert.Matches(@"- [0-9a-f-]{36}: Owns a kayak", report);
        Assert.Contains("1 inputs re-extracted with claude-sonnet-4-5 (fact-extraction.v1): 1 added, 1 changed, 1 gone.", report);
        Assert.Contains("Dry run: nothing was changed.", report);
        Assert.Equal(["Likes tea", "Owns a kayak", "Walks every day"], (await MemoriesOf(user)).Order());

        stack.Anthropic.Script(Facts("Likes green tea", "Walks every day", "Lives near a lake"));
        exit = await Mem0.Cli.Admin.ReExtractCommand.RunAsync(stack.Api, since, "claude-sonnet-4-5", apply: true, output, error, CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Equal(["Likes green tea", "Lives near a lake", "Walks every day"], (await MemoriesOf(user)).Order());
        var tea = (await stack.Api.GetJson($"/api/v1/memories?user_id={user}&limit=100")).Body.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("memory").GetString() == "Likes green tea").GetProperty("id").GetGuid();
        var history = (await stack.Api.GetJson($"/api/v1/memories/{tea}/history")).Body.EnumerateArray().ToList();
        Assert.Equal("Likes tea", history[^1].GetProperty("old_memory").GetString());
        Assert.Equal("re-extract", history[^1].GetProperty("surface").GetString());

        // Applied once, a second run finds nothing left to change.
        stack.Anthropic.Script(Facts("Likes green tea", "Walks every day", "Lives near a lake"));
        var again = new StringWriter();
        Assert.Equal(0, await Mem0.Cli.Admin.ReExtractCommand.RunAsync(stack.Api, since, "claude-sonnet-4-5", apply: false, again, error, CancellationToken.None));
        Assert.Contains("0 added, 0 changed, 0 gone.", again.ToString());
    }

    private static string SystemText(JsonElement request)
    {
        var system = request.GetProperty("system");
        return system.ValueKind == JsonValueKind.String ? system.GetString()! : string.Concat(system.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
