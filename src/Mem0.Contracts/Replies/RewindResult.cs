using Mem0.Contracts.Model;

namespace Mem0.Contracts.Replies;

/// <summary>What a rewind did to each memory it looked at, and the sequence a reader waits for.</summary>
public sealed record RewindResult(IReadOnlyList<RewoundMemory> Memories, long Sequence);

/// <summary>
/// One memory of a rewind: `Outcome` is `reverted`, `restored`, `deleted`, `unchanged` (already as asked) or
/// `skipped` (it changed since the input touched it; `Reason` says how to revert it by hand). `Memory` is its text now.
/// </summary>
public sealed record RewoundMemory(Guid MemoryId, string Outcome, string? Memory, long Version, string? Reason = null)
{
    public const string Reverted = "reverted";
    public const string Restored = "restored";
    public const string Deleted = "deleted";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
}
