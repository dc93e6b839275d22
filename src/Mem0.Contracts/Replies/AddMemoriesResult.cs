using Mem0.Contracts.Model;

namespace Mem0.Contracts.Replies;

/// <summary>One item's answer in a batch: its add's result, or why it stored nothing.</summary>
public sealed record AddMemoriesItem(AddMemoryResult? Result, CommandFailed? Failure);

/// <summary>The items' answers in the command's order; `Stages` sums the extractor's stages over the batch.</summary>
public sealed record AddMemoriesResult(IReadOnlyList<AddMemoriesItem> Items, long Sequence, IReadOnlyList<StageTiming>? Stages = null);
