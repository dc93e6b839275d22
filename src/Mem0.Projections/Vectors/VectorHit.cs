namespace Mem0.Projections.Vectors;

public readonly record struct VectorHit(Guid Id, float Score);
