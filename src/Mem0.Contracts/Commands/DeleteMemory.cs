using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

public sealed record DeleteMemory(Guid CommandId, Guid MemoryId, Provenance By) : ICommand;
