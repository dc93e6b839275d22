using JasperFx.Events;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Memories.Rewind;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Sources;

namespace Mem0.Tests.Unit.Memories;

/// <summary>A memory's timeline (what it read when) and the undo decider that reads it, without a store.</summary>
public sealed class Rewind_decider_specs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Provenance By = new("claude-code", "mcp");
    private static readonly Guid Id = Guid.CreateVersion7();

    private static IEvent<T> E<T>(T data, long version) where T : notnull => new Event<T>(data) { Version = version, StreamId = Id };

    /// <summary>Added at T0, rewritten at T0+1h, deleted at T0+2h.</summary>
    private static MemoryTimeline Timeline(bool deleted = true)
    {
        var t = MemoryTimelineProjection.Create(E(new MemoryAdded(Id, "Plot 14", Fingerprint.Of("Plot 14"), null, "u", "a", null, null, "rest", T0), 1));
        MemoryTimelineProjection.Apply(E(new MemoryUpdated(Id, "Plot 27", "Plot 14", Fingerprint.Of("Plot 27"), null, null, "rest", T0.AddHours(1)), 2), t);
        if (deleted) MemoryTimelineProjection.Apply(E(new MemoryDeleted(Id, "Plot 27", Fingerprint.Of("Plot 27"), null, "rest", T0.AddHours(2)), 3), t);
        return t;
    }

    private static MemoryView Live(string text, long version) => new() { Id = Id, Text = text, Fingerprint = Fingerprint.Of(text), UserId = "u", Version = version };

    [Fact]
    public void A_timeline_reads_each_time_as_it_was_and_nothing_before_the_add_or_after_the_delete()
    {
        var t = Timeline();

        Assert.Null(t.At(T0.AddTicks(-1)));
        Assert.Equal(("Plot 14", 1L), (t.At(T0)!.Text, t.At(T0)!.Version));
        Assert.Equal("Plot 14", t.At(T0.AddMinutes(59))!.Text);
        Assert.Equal(("Plot 27", 2L), (t.At(T0.AddHours(1))!.Text, t.At(T0.AddHours(1))!.Version));
        Assert.Null(t.At(T0.AddHours(3)));
        Assert.Equal(T0.AddHours(2), t.LastChangeAt);
    }

    [Fact]
    public void Revert_appends_an_update_to_the_old_text_at_the_next_version()
    {
        var d = RewindDecider.Decide(new Rewind(Guid.NewGuid(), RewindKind.Revert, Id, 1, By),
            new RewindState(new Dictionary<Guid, MemoryTimeline> { [Id] = Timeline(deleted: false) }, new Dictionary<Guid, MemoryView> { [Id] = Live("Plot 27", 2) }, null),
            T0.AddHours(5));

        var write = Assert.Single(d.Decision.Writes);
        Assert.Equal((Id, 3L), (write.StreamId, write.ExpectedVersion));
        var updated = Assert.IsType<MemoryUpdated>(write.Event);
        Assert.Equal(("Plot 14", "Plot 27", 1L, "mcp"), (updated.Text, updated.OldText, updated.RevertedTo!.Value, updated.Surface));
        Assert.Equal(RewoundMemory.Reverted, Assert.Single(d.Memories).Outcome);
    }

    [Fact]
    public void Undelete_restores_every_field_as_it_read_before_the_delete_and_refuses_a_live_memory()
    {
        var timelines = new Dictionary<Guid, MemoryTimeline> { [Id] = Timeline() };
        var d = RewindDecider.Decide(new Rewind(Guid.NewGuid(), RewindKind.Undelete, Id, null, By), new RewindState(timelines, new Dictionary<Guid, MemoryView>(), null), T0.AddHours(5));

        var restored = Assert.IsType<MemoryRestored>(Assert.Single(d.Decision.Writes).Event);
        Assert.Equal(("Plot 27", "u", "a", T0, 2L, "claude-code"), (restored.Text, restored.UserId, restored.AgentId, restored.CreatedAt, restored.RevertedTo, restored.ByAgentId));

        var live = RewindDecider.Decide(new Rewind(Guid.NewGuid(), RewindKind.Undelete, Id, null, By),
            new RewindState(new Dictionary<Guid, MemoryTimeline> { [Id] = Timeline(deleted: false) }, new Dictionary<Guid, MemoryView> { [Id] = Live("Plot 27", 2) }, null), T0);
        Assert.Equal(ReplyErrors.Conflict, live.Refused!.Error);
        Assert.Empty(live.Decision.Writes);
    }

    [Fact]
    public void An_undo_skips_a_memory_changed_after_the_input_and_forgetting_also_ends_the_source()
    {
        var source = new SourceView { Id = Guid.NewGuid(), UserId = "u", Changes = [new SourceChange(Id, MemoryEventKind.Update, 2)] };
        var moved = Timeline(deleted: false);
        MemoryTimelineProjection.Apply(E(new MemoryUpdated(Id, "Plot 30", "Plot 27", Fingerprint.Of("Plot 30"), null, null, "rest", T0.AddHours(3)), 3), moved);
        var state = new RewindState(new Dictionary<Guid, MemoryTimeline> { [Id] = moved }, new Dictionary<Guid, MemoryView> { [Id] = Live("Plot 30", 3) }, source);

        var undo = RewindDecider.Decide(new Rewind(Guid.NewGuid(), RewindKind.UndoSource, source.Id, null, By), state, T0.AddHours(5));
        Assert.Empty(undo.Decision.Writes);
        Assert.Equal(RewoundMemory.Skipped, Assert.Single(undo.Memories).Outcome);

        var forget = RewindDecider.Decide(new Rewind(Guid.NewGuid(), RewindKind.ForgetSource, source.Id, null, By), state, T0.AddHours(5));
        Assert.IsType<SourceForgotten>(Assert.Single(forget.Decision.Writes).Event);
    }
}
