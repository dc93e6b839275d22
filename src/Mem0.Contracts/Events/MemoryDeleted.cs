using Mem0.Contracts.Model;

namespace Mem0.Contracts.Events;

/// <summary>The memory is gone from reads; its stream (and so its history) stays.</summary>
public sealed record MemoryDeleted(
    Guid MemoryId,
    string OldText,
    string Fingerprint,
    string? AgentId,
    string Surface,
    DateTimeOffset At,
    ExtractionInfo? Extraction = null);
