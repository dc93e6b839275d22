using JasperFx.Events;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;

namespace Mem0.Api.Memories.History;

/// <summary>mem0's history row, read straight from the memory's stream; `surface` says where the change came from.</summary>
public sealed record HistoryRow(
    Guid Id,
    Guid MemoryId,
    string? OldMemory,
    string? NewMemory,
    string Event,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    bool IsDeleted,
    string? ActorId,
    string? Role,
    string Surface)
{
    public static IReadOnlyList<HistoryRow> FromStream(IReadOnlyList<IEvent> events)
    {
        var rows = new List<HistoryRow>(events.Count);
        var createdAt = DateTimeOffset.MinValue;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MemoryAdded a:
                    createdAt = a.At;
                    rows.Add(new(e.Id, a.MemoryId, null, a.Text, MemoryEventKind.Add, a.At, null, false, a.AgentId, null, a.Surface));
                    break;
                case MemoryUpdated u:
                    rows.Add(new(e.Id, u.MemoryId, u.OldText, u.Text, MemoryEventKind.Update, createdAt, u.At, false, u.AgentId, null, u.Surface));
                    break;
                case MemoryDeleted d:
                    rows.Add(new(e.Id, d.MemoryId, d.OldText, null, MemoryEventKind.Delete, createdAt, d.At, true, d.AgentId, null, d.Surface));
                    break;
            }
        }
        return rows;
    }
}
