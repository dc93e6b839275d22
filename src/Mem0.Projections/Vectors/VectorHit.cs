namespace Mem0.Projections.Vectors;

/// <summary>A match: cosine similarity, and the rank it was ordered by (the same unless recency was asked for).</summary>
public readonly record struct VectorHit(Guid Id, float Score, float Rank);
