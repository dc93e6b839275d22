using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

public sealed record UpdateMemory(Guid MemoryId, string Text, Provenance By);
