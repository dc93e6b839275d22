using Mem0.Api.Validation;

namespace Mem0.Api.Memories.Review;

/// <summary>
/// `memory_ids` (1 to 100), and what to set: `review_status` (the guide's convention: unreviewed, approved, rejected,
/// stale; any tag is kept), `expires_at`, or `clear_expiry` to remove an expiry. `agent_id` is who reviewed
/// (`reviewed_by`; the surface when absent).
/// </summary>
public sealed record ReviewMemoriesRequest(
    IReadOnlyList<string>? MemoryIds, string? ReviewStatus = null, DateTimeOffset? ExpiresAt = null, bool? ClearExpiry = null, string? AgentId = null)
    : IValidatable
{
    public const int MaxMemories = 100;

    public string? Validate() =>
        MemoryIds is null || MemoryIds.Count == 0 ? "memory_ids is required: the ids of the memories to review."
        : MemoryIds.Count > MaxMemories ? $"memory_ids holds at most {MaxMemories} ids per call."
        : MemoryIds.FirstOrDefault(id => !Guid.TryParse(id, out _)) is { } bad ? $"memory_ids holds \"{Shorten(bad)}\", which is not a memory id."
        : ReviewStatus is null && ExpiresAt is null && ClearExpiry != true ? "Nothing to set: give review_status, expires_at or clear_expiry."
        : ExpiresAt is not null && ClearExpiry == true ? "expires_at and clear_expiry cannot be given together."
        : ExpiresAt is { Year: < 1900 or > 9999 } ? "expires_at must be a time between 1900 and 9999."
        : Limits.Tag(ReviewStatus, "review_status") ?? Limits.Tag(AgentId, "agent_id");

    private static string Shorten(string value) => Limits.Text(value, "id") is not null ? "(unprintable)" : value.Length > 40 ? value[..40] + "…" : value;
}
