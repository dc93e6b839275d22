namespace Mem0.Extractor.Decisions;

/// <summary>What the local step decided for one fact: mem0's event name and, for NONE, the memory it duplicates.</summary>
public sealed record FactDecision(string Fact, string Event, Guid? ExistingId = null);
