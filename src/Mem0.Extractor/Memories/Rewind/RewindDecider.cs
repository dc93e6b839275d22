using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Sources;

namespace Mem0.Extractor.Memories.Rewind;

/// <summary>What the store holds for a rewind: the memories' timelines and live views, and the source when one is named.</summary>
public sealed record RewindState(
    IReadOnlyDictionary<Guid, MemoryTimeline> Timelines, IReadOnlyDictionary<Guid, MemoryView> Views, SourceView? Source);

/// <summary>A rewind's events and what it reports per memory, or the reason it cannot be done (nothing written).</summary>
public sealed record RewindDecision(Decision Decision, IReadOnlyList<RewoundMemory> Memories, CommandFailed? Refused = null);

/// <summary>
/// The pure half of undo: (timelines, views, source, command) → events. Each memory is brought to the state it had
/// at a version with one new event (an update back to that text, a restore, or a delete), so history keeps the
/// revert beside what it reverted. An input's undo only touches a memory still as the input left it; one changed
/// since is reported `skipped` (a later change is not silently thrown away), and can be reverted by version.
/// </summary>
public static class RewindDecider
{
    private sealed record Target(Guid MemoryId, long Version, bool Guarded);

    public static RewindDecision Decide(Contracts.Commands.Rewind cmd, RewindState state, DateTimeOffset now)
    {
        var (targets, refused) = Targets(cmd, state);
        if (refused is not null) return new RewindDecision(Decision.Nothing, [], refused);
        var writes = new List<StreamWrite>();
        var changes = new List<MemoryChange>();
        var report = new List<RewoundMemory>();
        foreach (var target in targets)
        {
            var (write, change, outcome) = Rewound(target, state, cmd.By, now);
            if (write is not null) writes.Add(write);
            if (change is not null) changes.Add(change);
            report.Add(outcome);
        }
        if (cmd.Kind == RewindKind.ForgetSource) writes.Add(new StreamWrite(cmd.TargetId, 2, new SourceForgotten(cmd.TargetId, cmd.By.AgentId, cmd.By.Surface, now)));
        return new RewindDecision(new Decision(true, writes, changes, new Dictionary<string, float[]>()), report);
    }

    /// <summary>One memory brought to its state at the target version: the event that does it (none when it is there already, or skipped).</summary>
    private static (StreamWrite? Write, MemoryChange? Change, RewoundMemory Outcome) Rewound(Target target, RewindState state, Provenance by, DateTimeOffset now)
    {
        var id = target.MemoryId;
        var timeline = state.Timelines[id];
        var current = state.Views.GetValueOrDefault(id);
        var last = timeline.Entries[^1];
        var wanted = timeline.AtVersion(target.Version);
        if (wanted?.Text == current?.Text) return (null, null, new RewoundMemory(id, RewoundMemory.Unchanged, current?.Text, last.Version));
        if (target.Guarded && state.Source!.Changes.Last(c => c.MemoryId == id).Version != last.Version)
        {
            return (null, null, new RewoundMemory(id, RewoundMemory.Skipped, current?.Text, last.Version,
                $"It changed after this input (now at version {last.Version}); revert it by version if that is what you want."));
        }
        var next = last.Version + 1;
        if (wanted?.Text is not { } text)
        {
            // Live: a memory absent both then and now was answered `unchanged` above.
            var live = current!;
            return (MemoryDecider.Deleted(live, by, now, null, revertedTo: target.Version),
                new MemoryChange(id, live.Text, MemoryEventKind.Delete), new RewoundMemory(id, RewoundMemory.Deleted, null, next));
        }
        if (current is null)
        {
            return (new StreamWrite(id, next, new MemoryRestored(id, text, wanted.Fingerprint!, timeline.UserId, timeline.AgentId, timeline.RunId,
                    timeline.Metadata, timeline.CreatedAt, wanted.OccurredAt, wanted.SourceId, target.Version, by.AgentId, by.Surface, now)),
                new MemoryChange(id, text, MemoryEventKind.Add), new RewoundMemory(id, RewoundMemory.Restored, text, next));
        }
        return (MemoryDecider.Updated(current, text, current.ContentFingerprint, by, now, null, revertedTo: target.Version),
            new MemoryChange(id, text, MemoryEventKind.Update, current.Text), new RewoundMemory(id, RewoundMemory.Reverted, text, next));
    }

    private static (IReadOnlyList<Target> Targets, CommandFailed? Refused) Targets(Contracts.Commands.Rewind cmd, RewindState state)
    {
        switch (cmd.Kind)
        {
            case RewindKind.Revert:
            {
                if (!state.Timelines.TryGetValue(cmd.TargetId, out var t)) return ([], NotFound($"Memory {cmd.TargetId} not found."));
                var last = t.Entries[^1].Version;
                if (cmd.Version is not { } v || v < 1 || v > last)
                {
                    return ([], new CommandFailed(ReplyErrors.Validation, $"version must be between 1 and {last}, the memory's versions (see its history)."));
                }
                if (t.AtVersion(v)!.Text is null)
                {
                    return ([], new CommandFailed(ReplyErrors.Validation, $"Version {v} is the memory's deletion; revert to a version that has text, or delete it."));
                }
                return ([new Target(cmd.TargetId, v, false)], null);
            }
            case RewindKind.Undelete:
            {
                if (!state.Timelines.TryGetValue(cmd.TargetId, out var t)) return ([], NotFound($"Memory {cmd.TargetId} not found."));
                if (t.Entries[^1].Text is not null)
                {
                    return ([], new CommandFailed(ReplyErrors.Conflict, $"Memory {cmd.TargetId} is not deleted; nothing to undelete."));
                }
                return ([new Target(cmd.TargetId, t.Entries[^1].Version - 1, false)], null);
            }
            default:
            {
                if (state.Source is not { } source) return ([], NotFound($"Source {cmd.TargetId} not found."));
                var forget = cmd.Kind == RewindKind.ForgetSource;
                // Per memory, the state before the input's first change to it. Forgetting deletes what the input
                // added even when it changed since (it came from the input), and leaves what the input deleted alone.
                var targets = source.Changes.GroupBy(c => c.MemoryId)
                    .Where(g => state.Timelines.ContainsKey(g.Key))
                    .Where(g => !forget || g.First().Event != MemoryEventKind.Delete)
                    .Select(g => new Target(g.Key, g.First().Version - 1, !(forget && g.First().Event == MemoryEventKind.Add)))
                    .ToList();
                return (targets, null);
            }
        }
    }

    private static CommandFailed NotFound(string detail) => new(ReplyErrors.NotFound, detail);
}
