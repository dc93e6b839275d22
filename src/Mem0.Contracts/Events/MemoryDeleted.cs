using Mem0.Contracts.Model;

namespace Mem0.Contracts.Events;

/// <summary>
/// The memory is gone from reads; its stream (and so its history) stays. `SourceId` when an add's decision deleted
/// it; `RevertedTo` when an undo did (the memory did not exist at that version: 0).
/// </summary>
public sealed record MemoryDeleted(
    Guid MemoryId,
    string OldText,
    string Fingerprint,
    string? AgentId,
    string Surface,
    DateTimeOffset At,
    ExtractionInfo? Extraction = null,
    Guid? SourceId = null,
    long? RevertedTo = null);
