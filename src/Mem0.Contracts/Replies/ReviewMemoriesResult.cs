namespace Mem0.Contracts.Replies;

/// <summary>What a review did to each memory it named, and the sequence a reader waits for.</summary>
public sealed record ReviewMemoriesResult(IReadOnlyList<ReviewedMemory> Memories, long Sequence);

/// <summary>One memory of a review: `reviewed` (changed, now at `Version`), `unchanged` (already so) or `not_found`.</summary>
public sealed record ReviewedMemory(Guid MemoryId, string Outcome, long Version)
{
    public const string Reviewed = "reviewed";
    public const string Unchanged = "unchanged";
    public const string NotFound = "not_found";
}
