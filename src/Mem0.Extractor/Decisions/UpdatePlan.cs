using Mem0.Extractor.Ai;

namespace Mem0.Extractor.Decisions;

/// <summary>A fact from this add, its vector, and the stored memories most like it.</summary>
public sealed record NewFact(string Text, string Fingerprint, float[] Vector, IReadOnlyList<SimilarMemory> Similar);

/// <summary>A stored memory shown to the decision step.</summary>
public sealed record StoredMemory(Guid Id, string Text, string Fingerprint);

public sealed record UpdatePlan(IReadOnlyList<PlannedChange> Changes, TokenUsage Usage);
