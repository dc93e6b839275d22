using Mem0.Contracts.Events;
using Mem0.Projections.Memories;

namespace Mem0.Cli.Import.Mem0Server;

/// <summary>The events an imported memory's stream starts with, and whether its history was used.</summary>
public sealed record LegacyStream(IReadOnlyList<object> Events, bool FromHistory);

/// <summary>
/// A mem0 memory as the events that made it. With its history rows: the ADD, then each UPDATE in order (NONE rows
/// changed nothing), each at its own time (never before the one before it); a history that ends on another text
/// than the collection's gets one more update to it, since the collection is what mem0 answered with. A history
/// that does not start with ADD, or that deleted a memory the collection still holds, is not trusted: the memory
/// then starts from its ADD alone, at its `created_at`.
/// </summary>
public static class LegacyStreams
{
    public const string Surface = "import";

    public static LegacyStream For(LegacyMemory m, IReadOnlyList<LegacyHistoryRow>? history)
    {
        var rows = history?.Where(r => r.Event != "NONE").ToList() ?? [];
        var trusted = rows.Count > 0 && rows[0].Event == "ADD" && rows.Skip(1).All(r => r.Event == "UPDATE" && !r.IsDeleted);
        var first = trusted ? rows[0].NewMemory ?? m.Text : m.Text;
        var at = m.CreatedAt;
        var events = new List<object>
        {
            new MemoryAdded(m.Id, first, Fingerprint.Of(first), null, m.UserId, m.AgentId, m.RunId, m.Metadata, Surface, at, OccurredAt: at),
        };
        var text = first;
        foreach (var row in trusted ? rows.Skip(1) : [])
        {
            if (row.NewMemory is not { Length: > 0 } next || next == text) continue;
            at = Later(at, row.UpdatedAt ?? row.CreatedAt);
            events.Add(new MemoryUpdated(m.Id, next, text, Fingerprint.Of(next), null, m.AgentId, Surface, at));
            text = next;
        }
        if (text != m.Text)
        {
            events.Add(new MemoryUpdated(m.Id, m.Text, text, Fingerprint.Of(m.Text), null, m.AgentId, Surface, Later(at, m.UpdatedAt)));
        }
        return new LegacyStream(events, trusted);
    }

    private static DateTimeOffset Later(DateTimeOffset at, DateTimeOffset? candidate) => candidate is { } c && c > at ? c : at;
}
