using Mem0.Contracts.Model;

namespace Mem0.Contracts.Replies;

/// <summary>`Error` is `delete_failed_partway` when some deletes committed and a later batch failed.</summary>
public sealed record DeleteMemoriesResult(
    int Matched,
    int Deleted,
    bool DryRun,
    bool HasMore,
    IReadOnlyList<MemorySample> Sample,
    string? Error,
    long Sequence);
