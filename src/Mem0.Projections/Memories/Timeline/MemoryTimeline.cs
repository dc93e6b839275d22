using System.Text.Json;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Mem0.Contracts.Events;

namespace Mem0.Projections.Memories.Timeline;

/// <summary>
/// Every state one memory has had, with the time each began (the event's `At`), kept for ever (deletes included), so
/// a read `as_of` a past time answers from one document instead of a replay. Projected inline with the events.
/// `LastChangeAt` is indexed: the memories changed after a time are few when that time is recent, and only those
/// differ from what the live views show.
/// </summary>
public sealed class MemoryTimeline
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string? AgentId { get; set; }
    public string? RunId { get; set; }
    public Dictionary<string, JsonElement>? Metadata { get; set; }

    /// <summary>Where the add that created it came from (rest, mcp, import:…): the console's chart of adds per day.</summary>
    public string? Surface { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastChangeAt { get; set; }
    public List<TimelineEntry> Entries { get; set; } = [];

    /// <summary>The memory as a read at <paramref name="asOf"/> would have shown it, or null when it did not exist then.</summary>
    public MemoryView? At(DateTimeOffset asOf)
    {
        var entry = Entries.LastOrDefault(e => e.At <= asOf);
        if (entry?.Text is null) return null;
        var view = MemoryView.Of(Id, entry.Text, entry.Fingerprint!, UserId, AgentId, RunId, Metadata, CreatedAt, entry.At, entry.Version, entry.SourceId,
            entry.OccurredAt, entry.RecencyAt);
        // The list's order is by the creation's event time, whatever a later change said.
        view.HappenedAt = Entries[0].OccurredAt ?? CreatedAt;
        return view;
    }

    /// <summary>The state after event <paramref name="version"/> (null: the memory did not exist then, or was deleted).</summary>
    public TimelineEntry? AtVersion(long version) => Entries.LastOrDefault(e => e.Version <= version);
}

/// <summary>One state of a memory: its text from `At` on (null when this version deleted it).</summary>
public sealed record TimelineEntry(
    long Version, DateTimeOffset At, string? Text, string? Fingerprint, Guid? SourceId, DateTimeOffset? OccurredAt, DateTimeOffset RecencyAt);

public sealed class MemoryTimelineProjection : SingleStreamProjection<MemoryTimeline, Guid>
{
    public static MemoryTimeline Create(IEvent<MemoryAdded> e) => new()
    {
        Id = e.Data.MemoryId,
        UserId = e.Data.UserId,
        AgentId = e.Data.AgentId,
        RunId = e.Data.RunId,
        Metadata = e.Data.Metadata,
        Surface = e.Data.Surface,
        CreatedAt = e.Data.At,
        LastChangeAt = e.Data.At,
        Entries = [new(e.Version, e.Data.At, e.Data.Text, e.Data.Fingerprint, e.Data.SourceId, e.Data.OccurredAt, e.Data.OccurredAt ?? e.Data.At)],
    };

    public static void Apply(IEvent<MemoryUpdated> e, MemoryTimeline t)
    {
        var before = t.Entries.LastOrDefault();
        t.Add(new(e.Version, e.Data.At, e.Data.Text, e.Data.Fingerprint, e.Data.SourceId ?? before?.SourceId,
            e.Data.OccurredAt ?? before?.OccurredAt, e.Data.OccurredAt ?? e.Data.At));
    }

    public static void Apply(IEvent<MemoryDeleted> e, MemoryTimeline t) => t.Add(new(e.Version, e.Data.At, null, null, null, null, e.Data.At));

    /// <summary>
    /// A review changes no text, so it adds no state: the timeline keeps the latest metadata, which an undelete brings
    /// back with the text (reads `as_of` a past time show today's governance keys).
    /// </summary>
    public static void Apply(IEvent<MemoryReviewed> e, MemoryTimeline t) => t.Metadata = e.Data.Metadata;

    public static void Apply(IEvent<MemoryRestored> e, MemoryTimeline t) =>
        t.Add(new(e.Version, e.Data.At, e.Data.Text, e.Data.Fingerprint, e.Data.SourceId, e.Data.OccurredAt, e.Data.At));
}

internal static class TimelineWrites
{
    /// <summary>Appends a state; its time never goes before the last one's (clocks of two processes may disagree a little).</summary>
    public static void Add(this MemoryTimeline t, TimelineEntry entry)
    {
        if (t.Entries.Count > 0 && entry.At < t.Entries[^1].At) entry = entry with { At = t.Entries[^1].At };
        t.Entries.Add(entry);
        t.LastChangeAt = entry.At;
    }
}
