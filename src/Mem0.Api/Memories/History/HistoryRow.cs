using System.Text.Json.Serialization;
using JasperFx.Events;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;

namespace Mem0.Api.Memories.History;

/// <summary>
/// mem0's history row, read straight from the memory's stream; `surface` says where the change came from, `version`
/// is the stream version the change wrote (what a revert names), `source_id` the input an add's change came from, and
/// `reverted_to` the version a revert or undo brought back.
/// </summary>
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
    string Surface,
    long Version)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? SourceId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RevertedTo { get; init; }

    /// <summary>On a REVIEW row: the review status and expiry the review set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReviewStatus { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ExpiresAt { get; init; }

    public static IReadOnlyList<HistoryRow> FromStream(IReadOnlyList<IEvent> events)
    {
        var rows = new List<HistoryRow>(events.Count);
        var createdAt = DateTimeOffset.MinValue;
        string? text = null;
        foreach (var e in events)
        {
            text = e.Data switch
            {
                MemoryAdded a => a.Text,
                MemoryUpdated u => u.Text,
                MemoryRestored r => r.Text,
                _ => text,
            };
            switch (e.Data)
            {
                case MemoryAdded a:
                    createdAt = a.At;
                    rows.Add(new(e.Id, a.MemoryId, null, a.Text, MemoryEventKind.Add, a.At, null, false, a.AgentId, null, a.Surface, e.Version)
                        { SourceId = a.SourceId });
                    break;
                case MemoryUpdated u:
                    rows.Add(new(e.Id, u.MemoryId, u.OldText, u.Text, MemoryEventKind.Update, createdAt, u.At, false, u.AgentId, null, u.Surface, e.Version)
                        { SourceId = u.SourceId, RevertedTo = u.RevertedTo });
                    break;
                case MemoryDeleted d:
                    rows.Add(new(e.Id, d.MemoryId, d.OldText, null, MemoryEventKind.Delete, createdAt, d.At, true, d.AgentId, null, d.Surface, e.Version)
                        { SourceId = d.SourceId, RevertedTo = d.RevertedTo });
                    break;
                case MemoryReviewed v:
                    rows.Add(new(e.Id, v.MemoryId, text, text, MemoryEventKind.Review, createdAt, v.At, false, v.ReviewedBy, null, v.Surface, e.Version)
                        { ReviewStatus = v.ReviewStatus, ExpiresAt = v.ExpiresAt });
                    break;
                case MemoryRestored r:
                    rows.Add(new(e.Id, r.MemoryId, null, r.Text, MemoryEventKind.Restore, createdAt, r.At, false, r.ByAgentId, null, r.Surface, e.Version)
                        { SourceId = r.SourceId, RevertedTo = r.RevertedTo });
                    break;
            }
        }
        return rows;
    }
}
