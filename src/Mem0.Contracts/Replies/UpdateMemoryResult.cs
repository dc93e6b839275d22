namespace Mem0.Contracts.Replies;

public sealed record UpdateMemoryResult(Guid MemoryId, bool Found, string? Text, long Sequence);
