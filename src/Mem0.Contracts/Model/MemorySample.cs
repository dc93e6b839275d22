namespace Mem0.Contracts.Model;

/// <summary>A short description of a memory, as shown in a bulk-delete sample.</summary>
public sealed record MemorySample(Guid Id, string Memory, string? AgentId, string? RunId);
