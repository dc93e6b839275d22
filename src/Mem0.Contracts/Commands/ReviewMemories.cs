using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

/// <summary>
/// Vets several memories at once: sets `review_status` (when given) with `reviewed_by` and `reviewed_at`, and sets
/// `expires_at` (when given) or removes it (`ClearExpiry`). A memory already so is left as it is; one that does not
/// exist is reported, not an error. The text never changes.
/// </summary>
public sealed record ReviewMemories(
    Guid CommandId, IReadOnlyList<Guid> MemoryIds, string? ReviewStatus, DateTimeOffset? ExpiresAt, bool ClearExpiry, Provenance By) : ICommand;
