using Mem0.Contracts.Model;

namespace Mem0.Contracts.Replies;

/// <summary>
/// mem0's result list. `Deduplicated` with `MemoryId` when the fingerprint matched a stored memory.
/// `Sequence` is the highest event sequence the add wrote, so a reader in another process can wait for it.
/// `Stages` is where the extractor spent its time on this add (the api puts them in `Server-Timing`); a receipt does
/// not keep them, so an answer from a receipt has none.
/// </summary>
public sealed record AddMemoryResult(IReadOnlyList<MemoryChange> Results, bool Deduplicated, Guid? MemoryId, long Sequence,
    IReadOnlyList<StageTiming>? Stages = null)
{
    /// <summary>The answer to an input the store has taken before: nothing changed, and the memory it made, if any.</summary>
    public static AddMemoryResult Known(Guid? memoryId) => new([], true, memoryId, 0);
}
