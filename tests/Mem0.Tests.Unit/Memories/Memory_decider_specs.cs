using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Extractor.Decisions;
using Mem0.Extractor.Memories;
using Mem0.Extractor.Memories.Add;
using Mem0.Projections.Memories;

namespace Mem0.Tests.Unit.Memories;

/// <summary>The decider on its own: what the store holds and a command (or an add's plan) in, events out.</summary>
public sealed class Memory_decider_specs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Provenance By = new("claude-code", "mcp");
    private static readonly ExtractionInfo Info = new("local-sentences", "local-v1", null, null);

    private static readonly MemoryView Lisbon = View("Lives in Lisbon", version: 3, contentKey: "content-of-an-earlier-add");
    private static readonly MemoryView Cats = View("Has two cats", version: 1);

    private static MemoryView View(string text, long version, string? contentKey = null) => new()
    {
        Id = Guid.CreateVersion7(), Text = text, Fingerprint = Fingerprint.Of(text), ContentFingerprint = contentKey,
        UserId = "u", Version = version,
    };

    private static AddMemory Command(bool dedup = true) =>
        new(Guid.CreateVersion7(), "I moved to Porto and my cats are three now", null, "content-fp", dedup, "u", "run-1", null, By);

    private static AddPlan Plan(params PlannedChange[] changes) => new(changes,
        new Dictionary<Guid, MemoryView> { [Lisbon.Id] = Lisbon, [Cats.Id] = Cats },
        changes.Where(c => c.Kind != ChangeKind.Delete).Select(c => c.Text).Distinct().ToDictionary(t => t, _ => new[] { 1f, 0f }),
        Info);

    /// <summary>An add's writes to memory streams; its last write records the input (see the source spec).</summary>
    private static List<StreamWrite> Memories(Decision d) => d.Writes.Where(w => w.Event is not SourceRecorded).ToList();

    private static readonly Guid[] NewIds = [Guid.CreateVersion7(Now), Guid.CreateVersion7(Now)];

    [Fact]
    public void An_add_starts_a_stream_per_new_fact_with_the_content_key_on_the_first()
    {
        var d = MemoryDecider.Add(Command(), Plan(new PlannedChange(ChangeKind.Add, "Lives in Porto"), new PlannedChange(ChangeKind.Add, "Likes port wine")), true, Now, NewIds);

        Assert.Equal([(NewIds[0], 0L), (NewIds[1], 0L)], Memories(d).Select(w => (w.StreamId, w.ExpectedVersion)));
        var first = Assert.IsType<MemoryAdded>(Memories(d)[0].Event);
        var second = Assert.IsType<MemoryAdded>(Memories(d)[1].Event);
        Assert.Equal(("Lives in Porto", "content-fp", "u", "claude-code", "run-1", "mcp", Now, Info),
            (first.Text, first.ContentFingerprint, first.UserId, first.AgentId, first.RunId, first.Surface, first.At, first.Extraction));
        Assert.Null(second.ContentFingerprint);
        Assert.Equal([new MemoryChange(NewIds[0], "Lives in Porto", "ADD"), new MemoryChange(NewIds[1], "Likes port wine", "ADD")], d.Changes);
        Assert.Equal(["Likes port wine", "Lives in Porto"], d.Vectors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_update_appends_at_the_version_read_and_keeps_the_old_text_for_history()
    {
        var d = MemoryDecider.Add(Command(), Plan(new PlannedChange(ChangeKind.Update, "Lives in Porto", Lisbon.Id)), true, Now, []);

        var write = Assert.Single(Memories(d));
        Assert.Equal((Lisbon.Id, 4L), (write.StreamId, write.ExpectedVersion));
        var updated = Assert.IsType<MemoryUpdated>(write.Event);
        // An add that only changed memories puts its content key on the first one changed.
        Assert.Equal(("Lives in Porto", "Lives in Lisbon", Fingerprint.Of("Lives in Porto"), "content-fp"),
            (updated.Text, updated.OldText, updated.Fingerprint, updated.ContentFingerprint));
        Assert.Equal([new MemoryChange(Lisbon.Id, "Lives in Porto", "UPDATE", "Lives in Lisbon")], d.Changes);
    }

    [Fact]
    public void An_update_in_an_add_with_new_facts_keeps_the_key_the_memory_had()
    {
        var d = MemoryDecider.Add(Command(), Plan(new PlannedChange(ChangeKind.Update, "Lives in Porto", Lisbon.Id), new PlannedChange(ChangeKind.Add, "Likes port wine")), true, Now, NewIds);

        Assert.Equal("content-of-an-earlier-add", Assert.IsType<MemoryUpdated>(Memories(d)[0].Event).ContentFingerprint);
        Assert.Equal("content-fp", Assert.IsType<MemoryAdded>(Memories(d)[1].Event).ContentFingerprint);
    }

    [Fact]
    public void A_delete_ends_the_memory_at_the_version_read_and_caches_no_vector()
    {
        var d = MemoryDecider.Add(Command(), Plan(new PlannedChange(ChangeKind.Delete, Cats.Text, Cats.Id)), true, Now, []);

        var write = Assert.Single(Memories(d));
        Assert.Equal((Cats.Id, 2L), (write.StreamId, write.ExpectedVersion));
        var deleted = Assert.IsType<MemoryDeleted>(write.Event);
        Assert.Equal(("Has two cats", Cats.Fingerprint, Info), (deleted.OldText, deleted.Fingerprint, deleted.Extraction));
        Assert.Equal([new MemoryChange(Cats.Id, "Has two cats", "DELETE")], d.Changes);
        Assert.Empty(d.Vectors);
    }

    [Fact]
    public void None_writes_no_memory_and_only_records_the_input()
    {
        var d = MemoryDecider.Add(Command(), Plan(), true, Now, []);

        Assert.True(d.Found);
        Assert.Empty(Memories(d));
        Assert.Empty(d.Changes);
        Assert.Empty(Assert.IsType<SourceRecorded>(Assert.Single(d.Writes).Event).Changes);
    }

    [Fact]
    public void An_add_records_its_input_once_as_a_source_that_lists_the_changes_it_caused_and_every_event_names_it()
    {
        var cmd = Command() with { OccurredAt = new DateTimeOffset(2023, 5, 14, 0, 0, 0, TimeSpan.Zero) };
        var d = MemoryDecider.Add(cmd, Plan(new PlannedChange(ChangeKind.Add, "Lives in Porto"), new PlannedChange(ChangeKind.Update, "Has three cats", Cats.Id),
            new PlannedChange(ChangeKind.Delete, Lisbon.Text, Lisbon.Id)), true, Now, NewIds);

        var last = d.Writes[^1];
        Assert.Equal((cmd.CommandId, 0L), (last.StreamId, last.ExpectedVersion));
        var source = Assert.IsType<SourceRecorded>(last.Event);
        Assert.Equal((cmd.Content, "content-fp", "u", "claude-code", "mcp", Now, cmd.OccurredAt),
            (source.Content, source.Fingerprint, source.UserId, source.AgentId, source.Surface, source.At, source.OccurredAt));
        Assert.Equal([new SourceChange(NewIds[0], "ADD", 1), new SourceChange(Cats.Id, "UPDATE", 2), new SourceChange(Lisbon.Id, "DELETE", 4)], source.Changes);
        var added = Assert.IsType<MemoryAdded>(d.Writes[0].Event);
        Assert.Equal((cmd.CommandId, cmd.OccurredAt), (added.SourceId, added.OccurredAt));
        Assert.Equal(cmd.CommandId, Assert.IsType<MemoryUpdated>(d.Writes[1].Event).SourceId);
        Assert.Equal(cmd.CommandId, Assert.IsType<MemoryDeleted>(d.Writes[2].Event).SourceId);
    }

    [Fact]
    public void Changes_to_unknown_ids_are_dropped_and_the_rest_stands()
    {
        var madeUp = Guid.CreateVersion7();
        var d = MemoryDecider.Add(Command(), Plan(new PlannedChange(ChangeKind.Update, "Lives in Faro", madeUp), new PlannedChange(ChangeKind.Delete, "?", madeUp),
            new PlannedChange(ChangeKind.Delete, "?", null), new PlannedChange(ChangeKind.Add, "Likes port wine")), true, Now, NewIds);

        Assert.Equal([NewIds[0]], Memories(d).Select(w => w.StreamId));
    }

    [Fact]
    public void A_second_change_to_one_memory_and_an_update_to_the_same_text_are_dropped()
    {
        var d = MemoryDecider.Add(Command(), Plan(new PlannedChange(ChangeKind.Update, "Lives in Porto", Lisbon.Id), new PlannedChange(ChangeKind.Delete, Lisbon.Text, Lisbon.Id),
            new PlannedChange(ChangeKind.Update, "Has two cats", Cats.Id)), true, Now, []);

        var write = Assert.Single(Memories(d));
        Assert.IsType<MemoryUpdated>(write.Event);
        Assert.Equal(Lisbon.Id, write.StreamId);
    }

    [Fact]
    public void A_content_key_another_memory_holds_is_not_claimed()
    {
        var d = MemoryDecider.Add(Command(dedup: false), Plan(new PlannedChange(ChangeKind.Add, "Lives in Porto"), new PlannedChange(ChangeKind.Update, "Has three cats", Cats.Id)),
            claimKey: false, Now, NewIds);

        Assert.Null(Assert.IsType<MemoryAdded>(Memories(d)[0].Event).ContentFingerprint);
        Assert.Null(Assert.IsType<MemoryUpdated>(Memories(d)[1].Event).ContentFingerprint);
    }

    [Fact]
    public void An_update_command_appends_the_new_text_as_the_memorys_key_unless_another_holds_it()
    {
        var cmd = new UpdateMemory(Guid.CreateVersion7(), Cats.Id, "Has three cats", By);

        var claimed = MemoryDecider.Update(Cats, cmd, [0f, 1f], keyHeldElsewhere: false, Now);
        var write = Assert.Single(claimed.Writes);
        Assert.Equal((Cats.Id, 2L), (write.StreamId, write.ExpectedVersion));
        var updated = Assert.IsType<MemoryUpdated>(write.Event);
        Assert.Equal(("Has three cats", "Has two cats", Fingerprint.Of("Has three cats"), "claude-code", "mcp", Now, (ExtractionInfo?)null),
            (updated.Text, updated.OldText, updated.ContentFingerprint, updated.AgentId, updated.Surface, updated.At, updated.Extraction));
        Assert.Equal([0f, 1f], claimed.Vectors["Has three cats"]);

        var held = MemoryDecider.Update(Cats, cmd, [0f, 1f], keyHeldElsewhere: true, Now);
        Assert.Null(Assert.IsType<MemoryUpdated>(Assert.Single(held.Writes).Event).ContentFingerprint);
    }

    [Fact]
    public void An_update_command_to_the_same_text_changes_nothing_and_one_for_a_missing_memory_is_not_found()
    {
        var same = MemoryDecider.Update(Cats, new UpdateMemory(Guid.CreateVersion7(), Cats.Id, Cats.Text, By), [1f], false, Now);
        Assert.True(same.Found);
        Assert.Empty(same.Writes);

        var missing = MemoryDecider.Update(null, new UpdateMemory(Guid.CreateVersion7(), Guid.CreateVersion7(), "x", By), [1f], false, Now);
        Assert.False(missing.Found);
        Assert.Empty(missing.Writes);
    }

    [Fact]
    public void An_update_that_names_another_version_than_the_memorys_changes_nothing_even_to_the_same_text()
    {
        // Cats is at version 1.
        var moved = MemoryDecider.Update(Cats, new UpdateMemory(Guid.CreateVersion7(), Cats.Id, "Has three cats", By, ExpectedVersion: 3), [1f], false, Now);
        Assert.True(moved.VersionMoved);
        Assert.Empty(moved.Writes);
        Assert.True(MemoryDecider.Update(Cats, new UpdateMemory(Guid.CreateVersion7(), Cats.Id, Cats.Text, By, ExpectedVersion: 0), [1f], false, Now).VersionMoved);

        var current = MemoryDecider.Update(Cats, new UpdateMemory(Guid.CreateVersion7(), Cats.Id, "Has three cats", By, ExpectedVersion: Cats.Version), [1f], false, Now);
        Assert.False(current.VersionMoved);
        Assert.Single(current.Writes);
        Assert.False(MemoryDecider.Update(null, new UpdateMemory(Guid.CreateVersion7(), Cats.Id, "x", By, ExpectedVersion: 1), [1f], false, Now).Found);
    }

    [Fact]
    public void A_delete_command_ends_the_memory_or_is_not_found()
    {
        var d = MemoryDecider.Delete(Lisbon, By, Now);
        var write = Assert.Single(d.Writes);
        Assert.Equal((Lisbon.Id, 4L), (write.StreamId, write.ExpectedVersion));
        Assert.Equal(("Lives in Lisbon", "claude-code", "mcp", Now), ((MemoryDeleted)write.Event) is var e ? (e.OldText, e.AgentId, e.Surface, e.At) : default);

        Assert.False(MemoryDecider.Delete(null, By, Now).Found);
    }

    [Fact]
    public void A_bulk_delete_ends_each_memory_of_the_batch_with_its_own_event()
    {
        var d = MemoryDecider.DeleteAll([Lisbon, Cats], By, Now);

        Assert.Equal([(Lisbon.Id, 4L), (Cats.Id, 2L)], d.Writes.Select(w => (w.StreamId, w.ExpectedVersion)));
        Assert.All(d.Writes, w => Assert.IsType<MemoryDeleted>(w.Event));
    }
}
