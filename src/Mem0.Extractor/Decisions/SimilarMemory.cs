namespace Mem0.Extractor.Decisions;

/// <summary>A stored memory close to a fact: its id, its text fingerprint and the cosine similarity.</summary>
public sealed record SimilarMemory(Guid Id, string Fingerprint, float Score);
