namespace Mem0.Contracts.Replies;

public sealed record DeleteMemoryResult(Guid MemoryId, bool Found, long Sequence);
