using Mem0.Cli.Import.Mem0Server;
using Mem0.Contracts.Events;

namespace Mem0.Tests.Unit.Imports;

/// <summary>How `mem0 import mem0-server` turns a mem0 memory and its history rows into the events of its stream.</summary>
public sealed class Legacy_stream_specs
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2023-05-01T10:00:00-07:00");
    private static LegacyMemory Memory(string text, DateTimeOffset? updated = null) => new(Id, text, Created, updated, "alice", "claude", null, null, null);
    private static LegacyHistoryRow Row(string e, string? old, string? @new, string? created = null, string? updated = null, bool deleted = false) =>
        new(Id, e, old, @new, created is null ? null : DateTimeOffset.Parse(created), updated is null ? null : DateTimeOffset.Parse(updated), deleted);

    [Fact]
    public void A_history_of_add_and_updates_becomes_the_same_events_at_their_times()
    {
        var stream = LegacyStreams.For(Memory("C"), [Row("ADD", null, "A"), Row("NONE", null, null), Row("UPDATE", "A", "B", updated: "2023-06-01T00:00:00Z"),
            Row("UPDATE", "B", "C", updated: "2023-05-15T00:00:00Z")]);

        Assert.True(stream.FromHistory);
        Assert.Equal([("add", "A", Created), ("update", "B", DateTimeOffset.Parse("2023-06-01T00:00:00Z")), ("update", "C", DateTimeOffset.Parse("2023-06-01T00:00:00Z"))],
            stream.Events.Select(Describe));
        Assert.Equal("B", ((MemoryUpdated)stream.Events[2]).OldText);
    }

    [Fact]
    public void A_history_that_ends_on_another_text_gets_one_more_update_to_the_collection_s()
    {
        var stream = LegacyStreams.For(Memory("Final", DateTimeOffset.Parse("2024-01-01T00:00:00Z")), [Row("ADD", null, "First")]);

        Assert.Equal([("add", "First", Created), ("update", "Final", DateTimeOffset.Parse("2024-01-01T00:00:00Z"))], stream.Events.Select(Describe));
    }

    [Theory]
    [InlineData("UPDATE")]
    [InlineData("DELETE")]
    public void A_history_that_does_not_start_with_add_or_deleted_a_live_memory_is_not_trusted(string odd)
    {
        var rows = odd == "UPDATE" ? new[] { Row("UPDATE", "A", "B") } : [Row("ADD", null, "A"), Row("DELETE", "A", null, deleted: true)];

        var stream = LegacyStreams.For(Memory("B"), rows);

        Assert.False(stream.FromHistory);
        Assert.Equal([("add", "B", Created)], stream.Events.Select(Describe));
    }

    private static (string, string, DateTimeOffset) Describe(object e) => e switch
    {
        MemoryAdded a => ("add", a.Text, a.At),
        MemoryUpdated u => ("update", u.Text, u.At),
        _ => ("other", "", default),
    };
}
