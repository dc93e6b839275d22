using System.Text.Json;

namespace Mem0.Contracts.Events;

/// <summary>
/// A deleted memory is back (an undelete, or an undo of the add that deleted it), as it read at version
/// `RevertedTo`: every field a read shows, so the views need nothing but this event. `ByAgentId` and `Surface` say who
/// brought it back; `AgentId` stays the memory's own writer tag.
/// </summary>
public sealed record MemoryRestored(
    Guid MemoryId,
    string Text,
    string Fingerprint,
    string UserId,
    string? AgentId,
    string? RunId,
    Dictionary<string, JsonElement>? Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OccurredAt,
    Guid? SourceId,
    long RevertedTo,
    string? ByAgentId,
    string Surface,
    DateTimeOffset At);
