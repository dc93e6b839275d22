namespace Mem0.Contracts.Model;

/// <summary>One change an input caused: the memory, mem0's event name, and the stream version the change wrote.</summary>
public sealed record SourceChange(Guid MemoryId, string Event, long Version);
