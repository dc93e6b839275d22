using Mem0.Extractor.Ai;
using Mem0.Extractor.Decisions;
using Mem0.Extractor.Facts;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging.Abstractions;
using Item = Mem0.Extractor.Decisions.LlmUpdateDecider.Item;

namespace Mem0.Tests.Unit.Memories;

public sealed class Model_reply_specs
{
    [Theory]
    [InlineData("""{"facts": ["a", "b"]}""")]
    [InlineData("```json\n{\"facts\": [\"a\", \"b\"]}\n```")]
    [InlineData("Here you go: {\"facts\": [\"a\", \"b\"]} Hope that helps!")]
    public void A_json_object_is_found_inside_fences_or_prose(string reply)
    {
        Assert.Null(JsonAsk.TryParse<LlmFactExtractor.Reply>(reply, _ => null, out var parsed));
        Assert.Equal(["a", "b"], parsed!.Facts!);
    }

    [Theory]
    [InlineData("I'd rather not.", "not valid JSON")]
    [InlineData("""{"facts": ["a", """, "not valid JSON")]
    [InlineData("""{"facts": "a"}""", "not valid JSON")]
    [InlineData("""{"other": []}""", "the \"facts\" list is missing")]
    public void An_unusable_reply_is_described_for_the_repair_request(string reply, string problem)
    {
        var found = JsonAsk.TryParse<LlmFactExtractor.Reply>(reply, r => r.Facts is null ? "the \"facts\" list is missing" : null, out _);
        Assert.StartsWith(problem, found);
    }

    [Theory]
    [InlineData("""{"memory": [{"id": "0", "text": "x", "event": "MERGE"}]}""", "an \"event\" is not ADD, UPDATE, DELETE or NONE")]
    [InlineData("""{"memory": [{"id": "0", "event": "UPDATE"}]}""", "an ADD or UPDATE has no \"text\"")]
    [InlineData("""{"memory": [{"id": "0", "text": "x"}]}""", "an entry has no \"event\"")]
    [InlineData("""{}""", "the \"memory\" list is missing")]
    public void A_decision_reply_is_checked_before_use(string reply, string problem) =>
        Assert.Equal(problem, JsonAsk.TryParse<LlmUpdateDecider.Reply>(reply, LlmUpdateDecider.Validate, out _));

    private static readonly StoredMemory Lisbon = new(Guid.CreateVersion7(), "Lives in Lisbon", Fingerprint.Of("Lives in Lisbon"));
    private static readonly StoredMemory Cats = new(Guid.CreateVersion7(), "Has two cats", Fingerprint.Of("Has two cats"));
    private static readonly Dictionary<string, StoredMemory> Shown = new() { ["0"] = Lisbon, ["1"] = Cats };

    private static List<PlannedChange> Map(params Item[] items) => LlmUpdateDecider.Map([.. items], Shown, NullLogger.Instance);

    [Fact]
    public void Numbered_ids_map_back_to_the_stored_memories()
    {
        var changes = Map(new Item("0", "Lives in Porto", "update", "Lives in Lisbon"), new Item("1", "Has two cats", "DELETE", null),
            new Item("2", "Speaks Portuguese", "ADD", null));
        Assert.Equal(
            [new PlannedChange(ChangeKind.Update, "Lives in Porto", Lisbon.Id), new PlannedChange(ChangeKind.Delete, "Has two cats", Cats.Id), new PlannedChange(ChangeKind.Add, "Speaks Portuguese")],
            changes);
    }

    [Fact]
    public void An_update_of_an_id_never_shown_keeps_the_fact_as_new_and_a_delete_of_one_is_ignored()
    {
        var changes = Map(new Item("7", "Works as a nurse", "UPDATE", null), new Item("01900000-0000-7000-8000-000000000000", "x", "DELETE", null));
        Assert.Equal([new PlannedChange(ChangeKind.Add, "Works as a nurse")], changes);
    }

    [Fact]
    public void Restating_a_stored_memory_or_touching_one_twice_changes_nothing_more()
    {
        var changes = Map(new Item("5", "lives in  LISBON", "ADD", null), new Item("0", "Lives in Lisbon", "UPDATE", null),
            new Item("1", "Has three cats", "UPDATE", null), new Item("1", "Has two cats", "DELETE", null), new Item("0", "Lives in Lisbon", "NONE", null));
        Assert.Equal([new PlannedChange(ChangeKind.Update, "Has three cats", Cats.Id)], changes);
    }

    [Fact]
    public void Token_usage_adds_up_and_stays_unknown_when_no_call_reported_it()
    {
        Assert.Equal(new TokenUsage(null, null), TokenUsage.None.Plus(TokenUsage.None));
        Assert.Equal(new TokenUsage(150, 40),
            TokenUsage.None.Plus(new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = 100, OutputTokenCount = 30 })
                .Plus(new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = 50, OutputTokenCount = 10 }));
    }
}
