namespace Mem0.Extractor.Decisions;

/// <summary>What to do with one extracted fact: mem0's event name and, for NONE, the memory it duplicates.</summary>
public sealed record FactDecision(string Fact, string Event, Guid? ExistingId = null);
