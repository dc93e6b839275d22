using System.Text.Json;
using Mem0.Contracts.Model;

namespace Mem0.Contracts.Events;

/// <summary>
/// A new memory. `Fingerprint` is of the memory's own text; `ContentFingerprint` is of the add request it came
/// from and is set on the first memory of that add only, so the store can refuse a second copy of that content.
/// `SourceId` names the input the add recorded (<see cref="SourceRecorded"/>); `OccurredAt` is when the content
/// happened, when the caller said so (an import of a 2023 conversation), beside `At`, when the store took it.
/// </summary>
public sealed record MemoryAdded(
    Guid MemoryId,
    string Text,
    string Fingerprint,
    string? ContentFingerprint,
    string UserId,
    string? AgentId,
    string? RunId,
    Dictionary<string, JsonElement>? Metadata,
    string Surface,
    DateTimeOffset At,
    ExtractionInfo? Extraction = null,
    Guid? SourceId = null,
    DateTimeOffset? OccurredAt = null);
