using Mem0.Contracts.Model;

namespace Mem0.Contracts.Events;

/// <summary>The memory's text was replaced; `OldText` keeps what it said before for history and undo.</summary>
public sealed record MemoryUpdated(
    Guid MemoryId,
    string Text,
    string OldText,
    string Fingerprint,
    string? ContentFingerprint,
    string? AgentId,
    string Surface,
    DateTimeOffset At,
    ExtractionInfo? Extraction = null);
