namespace Mem0.Contracts.Model;

/// <summary>One entry of mem0's add result list: what happened to one fact.</summary>
public sealed record MemoryChange(Guid Id, string Memory, string Event, string? PreviousMemory = null);
