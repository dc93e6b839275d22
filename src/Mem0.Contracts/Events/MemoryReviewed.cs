using System.Text.Json;

namespace Mem0.Contracts.Events;

/// <summary>
/// A person (or a script) vetted the memory: its governance keys (`review_status`, `reviewed_by`, `reviewed_at`,
/// `expires_at`) changed; its text did not. `Metadata` is the whole metadata after the review, so the views need
/// nothing but this event; `ReviewStatus` and `ExpiresAt` repeat what was set, for history.
/// </summary>
public sealed record MemoryReviewed(
    Guid MemoryId,
    string? ReviewStatus,
    DateTimeOffset? ExpiresAt,
    Dictionary<string, JsonElement> Metadata,
    string? ReviewedBy,
    string Surface,
    DateTimeOffset At);
