using System.Text.Json;
using Mem0.Contracts.Model;

namespace Mem0.Contracts.Events;

/// <summary>
/// One input an add took, kept once in a stream of its own (the add's command id): what was said, through which
/// surface and agent, when the store took it (`At`) and when it happened (`OccurredAt`, when told), and which changes
/// it caused. Recorded whether or not it produced memories, so the same input again costs nothing.
/// </summary>
public sealed record SourceRecorded(
    Guid SourceId,
    string UserId,
    string Fingerprint,
    string? Content,
    IReadOnlyList<ChatMessage>? Messages,
    string? AgentId,
    string? RunId,
    Dictionary<string, JsonElement>? Metadata,
    string Surface,
    DateTimeOffset At,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<SourceChange> Changes);
