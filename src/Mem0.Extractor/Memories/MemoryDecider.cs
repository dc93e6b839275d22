using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Extractor.Decisions;
using Mem0.Extractor.Memories.Add;
using Mem0.Projections.Memories;

namespace Mem0.Extractor.Memories;

/// <summary>
/// The decider: (what the store holds, the command or its plan) → events. Pure: no store, no clock, no model; the
/// consumers load what it needs, call it, and append what it returns in one transaction.
/// </summary>
public static class MemoryDecider
{
    /// <summary>
    /// An add's planned changes against the memories they were decided on. An UPDATE or DELETE of a memory not among
    /// them (an id the decision step made up, or one no longer there) and a second change to the same memory are
    /// dropped; an UPDATE to the text the memory already has changes nothing. The add's content fingerprint (its
    /// dedup key) goes on the first new memory, or, when the add only changed memories, on the first one changed;
    /// unless <paramref name="claimKey"/> is false, because another memory holds it. The input itself is recorded as a
    /// source (its stream is the command's id) with the changes it caused, also when it caused none.
    /// </summary>
    public static Decision Add(AddMemory cmd, AddPlan plan, bool claimKey, DateTimeOffset now, IReadOnlyList<Guid> newIds)
    {
        var applied = Applicable(plan).ToList();
        var keyHolder = applied.FirstOrDefault(a => a.Change.Kind == ChangeKind.Add) ?? applied.FirstOrDefault(a => a.Change.Kind == ChangeKind.Update);
        var ids = new Queue<Guid>(newIds);
        var writes = new List<StreamWrite>();
        var changes = new List<MemoryChange>();
        var vectors = new Dictionary<string, float[]>();
        var info = plan.Extraction;
        foreach (var a in applied)
        {
            var (change, target) = a;
            var key = claimKey && ReferenceEquals(a, keyHolder) ? cmd.Fingerprint : null;
            switch (change.Kind)
            {
                case ChangeKind.Add:
                    var id = ids.Dequeue();
                    writes.Add(new StreamWrite(id, 0, new MemoryAdded(id, change.Text, Fingerprint.Of(change.Text), key,
                        cmd.UserId, cmd.By.AgentId, cmd.RunId, cmd.Metadata, cmd.By.Surface, now, info, cmd.CommandId, cmd.OccurredAt)));
                    changes.Add(new MemoryChange(id, change.Text, MemoryEventKind.Add));
                    vectors.TryAdd(change.Text, plan.Vectors[change.Text]);
                    break;
                case ChangeKind.Update:
                    writes.Add(Updated(target!, change.Text, key ?? target!.ContentFingerprint, cmd.By, now, info, cmd.CommandId, cmd.OccurredAt));
                    changes.Add(new MemoryChange(target!.Id, change.Text, MemoryEventKind.Update, target.Text));
                    vectors.TryAdd(change.Text, plan.Vectors[change.Text]);
                    break;
                case ChangeKind.Delete:
                    writes.Add(Deleted(target!, cmd.By, now, info, cmd.CommandId));
                    changes.Add(new MemoryChange(target!.Id, target.Text, MemoryEventKind.Delete));
                    break;
            }
        }
        writes.Add(new StreamWrite(cmd.CommandId, 0, new SourceRecorded(cmd.CommandId, cmd.UserId, cmd.Fingerprint, cmd.Content, cmd.Messages,
            cmd.By.AgentId, cmd.RunId, cmd.Metadata, cmd.By.Surface, now, cmd.OccurredAt,
            writes.Select(w => new SourceChange(w.StreamId, KindOf(w.Event), Math.Max(1, w.ExpectedVersion))).ToList())));
        return new Decision(true, writes, changes, vectors);
    }

    private static string KindOf(object e) => e switch
    {
        MemoryAdded => MemoryEventKind.Add,
        MemoryUpdated => MemoryEventKind.Update,
        _ => MemoryEventKind.Delete,
    };

    /// <summary>
    /// A new text for one memory: nothing when it says that already. The text becomes the memory's dedup key unless
    /// another memory answers to it (<paramref name="keyHeldElsewhere"/>). A command that expects another version than
    /// the memory's is refused (<see cref="Decision.Stale"/>), even when the text would change nothing.
    /// </summary>
    public static Decision Update(MemoryView? current, UpdateMemory cmd, float[] vector, bool keyHeldElsewhere, DateTimeOffset now)
    {
        if (current is null) return Decision.NotFound;
        if (cmd.ExpectedVersion is { } expected && expected != current.Version) return Decision.Stale;
        if (current.Text == cmd.Text) return Decision.Nothing;
        var fingerprint = Fingerprint.Of(cmd.Text);
        return new Decision(true, [Updated(current, cmd.Text, keyHeldElsewhere ? null : fingerprint, cmd.By, now, null)],
            [new MemoryChange(current.Id, cmd.Text, MemoryEventKind.Update, current.Text)],
            new Dictionary<string, float[]> { [cmd.Text] = vector });
    }

    /// <summary>The end of one memory; its stream, and so its history, stays.</summary>
    public static Decision Delete(MemoryView? current, Provenance by, DateTimeOffset now) =>
        current is null ? Decision.NotFound
            : new Decision(true, [Deleted(current, by, now, null)], [new MemoryChange(current.Id, current.Text, MemoryEventKind.Delete)],
                new Dictionary<string, float[]>());

    /// <summary>Many memories ended at once (a bulk delete's batch), each with its own event.</summary>
    public static Decision DeleteAll(IEnumerable<MemoryView> current, Provenance by, DateTimeOffset now)
    {
        var views = current.ToList();
        return new Decision(true, views.Select(v => Deleted(v, by, now, null)).ToList(),
            views.Select(v => new MemoryChange(v.Id, v.Text, MemoryEventKind.Delete)).ToList(), new Dictionary<string, float[]>());
    }

    private sealed record Applied(PlannedChange Change, MemoryView? Target);

    private static IEnumerable<Applied> Applicable(AddPlan plan)
    {
        var touched = new HashSet<Guid>();
        foreach (var change in plan.Changes)
        {
            if (change.Kind == ChangeKind.Add)
            {
                yield return new Applied(change, null);
                continue;
            }
            if (change.TargetId is not { } id || !plan.Current.TryGetValue(id, out var target) || !touched.Add(id)) continue;
            if (change.Kind == ChangeKind.Update && change.Text == target.Text) continue;
            yield return new Applied(change, target);
        }
    }

    /// <summary>A new text for a memory as read, appended at the next version; every writer of updates (adds, edits, reverts, re-extraction) makes it here.</summary>
    internal static StreamWrite Updated(MemoryView target, string text, string? contentKey, Provenance by, DateTimeOffset now, ExtractionInfo? info,
        Guid? sourceId = null, DateTimeOffset? occurredAt = null, long? revertedTo = null) =>
        new(target.Id, target.Version + 1,
            new MemoryUpdated(target.Id, text, target.Text, Fingerprint.Of(text), contentKey, by.AgentId, by.Surface, now, info, sourceId, occurredAt, revertedTo));

    /// <summary>The end of a memory as read, appended at the next version.</summary>
    internal static StreamWrite Deleted(MemoryView target, Provenance by, DateTimeOffset now, ExtractionInfo? info, Guid? sourceId = null, long? revertedTo = null) =>
        new(target.Id, target.Version + 1, new MemoryDeleted(target.Id, target.Text, target.Fingerprint, by.AgentId, by.Surface, now, info, sourceId, revertedTo));
}
