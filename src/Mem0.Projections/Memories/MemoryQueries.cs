using Marten;

namespace Mem0.Projections.Memories;

public static class MemoryQueries
{
    /// <summary>The exact-match read filters shared by list and bulk delete; a null filter is not applied.</summary>
    public static IQueryable<MemoryView> Matching(this IQueryable<MemoryView> query, string userId,
        string? agentId = null, string? runId = null, string? source = null, string? confidence = null, string? reviewStatus = null)
    {
        query = query.Where(v => v.UserId == userId);
        if (agentId is not null) query = query.Where(v => v.AgentId == agentId);
        if (runId is not null) query = query.Where(v => v.RunId == runId);
        if (source is not null) query = query.Where(v => v.Source == source);
        if (confidence is not null) query = query.Where(v => v.Confidence == confidence);
        if (reviewStatus is not null) query = query.Where(v => v.ReviewStatus == reviewStatus);
        return query;
    }
}
