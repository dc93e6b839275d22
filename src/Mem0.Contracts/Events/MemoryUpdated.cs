using Mem0.Contracts.Model;

namespace Mem0.Contracts.Events;

/// <summary>
/// The memory's text was replaced; `OldText` keeps what it said before for history and undo. `SourceId` and
/// `OccurredAt` as on <see cref="MemoryAdded"/> when an add made the change; `RevertedTo` when a revert or an undo
/// did, naming the version whose text came back.
/// </summary>
public sealed record MemoryUpdated(
    Guid MemoryId,
    string Text,
    string OldText,
    string Fingerprint,
    string? ContentFingerprint,
    string? AgentId,
    string Surface,
    DateTimeOffset At,
    ExtractionInfo? Extraction = null,
    Guid? SourceId = null,
    DateTimeOffset? OccurredAt = null,
    long? RevertedTo = null);
