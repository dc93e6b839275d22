namespace Mem0.Projections.Vectors;

/// <summary>
/// Exact-match filters applied inside the index, before the top-k cut. `NotExpiredAt` drops memories whose
/// `expires_at` is at or before that instant.
/// </summary>
public sealed record VectorFilter(
    string UserId,
    string? AgentId = null,
    string? RunId = null,
    string? Source = null,
    string? Confidence = null,
    string? ReviewStatus = null,
    DateTimeOffset? NotExpiredAt = null)
{
    /// <summary>True when the user is the only condition, so the user match alone decides.</summary>
    public bool IsUserOnly =>
        AgentId is null && RunId is null && Source is null && Confidence is null && ReviewStatus is null && NotExpiredAt is null;

    public bool Matches(PointFields p) =>
        p.UserId == UserId &&
        (AgentId is null || p.AgentId == AgentId) &&
        (RunId is null || p.RunId == RunId) &&
        (Source is null || p.Source == Source) &&
        (Confidence is null || p.Confidence == Confidence) &&
        (ReviewStatus is null || p.ReviewStatus == ReviewStatus) &&
        (NotExpiredAt is null || p.ExpiresAt is null || p.ExpiresAt > NotExpiredAt);
}
