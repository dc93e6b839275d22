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
            var timeline = state.Timelines[target.MemoryId];
            var current = state.Views.GetValueOrDefault(target.MemoryId);
            var last = timeline.Entries[^1];
            var wanted = timeline.AtVersion(target.Version);
            var wantedText = wanted?.Text;
            if (wantedText == current?.Text)
            {
                report.Add(new RewoundMemory(target.MemoryId, RewoundMemory.Unchanged, current?.Text, last.Version));
                continue;
            }
            if (target.Guarded && state.Source!.Changes.Last(c => c.MemoryId == target.MemoryId).Version != last.Version)
            {
                report.Add(new RewoundMemory(target.MemoryId, RewoundMemory.Skipped, current?.Text, last.Version,
                    $"It changed after this input (now at version {last.Version}); revert it by version if that is what you want."));
                continue;
            }
            var next = last.Version + 1;
            var by = cmd.By;
            if (wantedText is null)
            {
                writes.Add(new StreamWrite(target.MemoryId, next, new MemoryDeleted(target.MemoryId, current!.Text, current.Fingerprint, by.AgentId, by.Surface, now,
                    RevertedTo: target.Version)));
                changes.Add(new MemoryChange(target.MemoryId, current.Text, MemoryEventKind.Delete));
                report.Add(new RewoundMemory(target.MemoryId, RewoundMemory.Deleted, null, next));
            }
            else if (current is null)
            {
                writes.Add(new StreamWrite(target.MemoryId, next, new MemoryRestored(target.MemoryId, wantedText, wanted!.Fingerprint!, timeline.UserId,
                    timeline.AgentId, timeline.RunId, timeline.Metadata, timeline.CreatedAt, wanted.OccurredAt, wanted.SourceId, target.Version, by.AgentId,
                    by.Surface, now)));
                changes.Add(new MemoryChange(target.MemoryId, wantedText, MemoryEventKind.Add));
                report.Add(new RewoundMemory(target.MemoryId, RewoundMemory.Restored, wantedText, next));
            }
            else
            {
                writes.Add(new StreamWrite(target.MemoryId, next, new MemoryUpdated(target.MemoryId, wantedText, current.Text, wanted!.Fingerprint!,
                    current.ContentFingerprint, by.AgentId, by.Surface, now, RevertedTo: target.Version)));
                changes.Add(new MemoryChange(target.MemoryId, wantedText, MemoryEventKind.Update, current.Text));
                report.Add(new RewoundMemory(target.MemoryId, RewoundMemory.Reverted, wantedText, next));
            }
        }
        if (cmd.Kind == RewindKind.ForgetSource) writes.Add(new StreamWrite(cmd.TargetId, 2, new SourceForgotten(cmd.TargetId, cmd.By.AgentId, cmd.By.Surface, now)));
        return new RewindDecision(new Decision(true, writes, changes, new Dictionary<string, float[]>()), report);
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
