namespace Mem0.Projections.Vectors;

/// <summary>
/// The guide's recency boost: the rank blends similarity with an exponential decay of the memory's age since it
/// was created or last updated, `rank = (1 − weight)·similarity + weight·0.5^(age / half-life)`. Weight 0 is
/// pure similarity; weight 1 orders almost entirely by recency.
/// </summary>
public sealed record Recency(double Weight, double HalfLifeDays, DateTimeOffset Now)
{
    public float Rank(float similarity, DateTimeOffset updatedAt)
    {
        var ageDays = Math.Max(0, (Now - updatedAt).TotalDays);
        var decay = Math.Pow(0.5, ageDays / HalfLifeDays);
        return (float)((1 - Weight) * similarity + Weight * decay);
    }
}
