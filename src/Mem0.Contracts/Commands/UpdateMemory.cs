using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

/// <summary>A new text for one memory. With `ExpectedVersion` (the version the caller read, from its ETag) a memory
/// that moved on since is refused with `precondition_failed` instead of overwritten.</summary>
public sealed record UpdateMemory(Guid CommandId, Guid MemoryId, string Text, Provenance By, long? ExpectedVersion = null) : ICommand;
