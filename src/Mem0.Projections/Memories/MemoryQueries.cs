using Marten;

namespace Mem0.Projections.Memories;

public static class MemoryQueries
{
    /// <summary>The memory whose add claimed this content fingerprint, if any (the key is unique).</summary>
    /// <summary>The memory of this user that an add of the same content made, if any: dedup is per user.</summary>
    public static async Task<Guid?> FindByContentAsync(this IQuerySession session, string userId, string fingerprint, CancellationToken ct)
    {
        var ids = await session.Query<MemoryView>().Where(v => v.UserId == userId && v.ContentFingerprint == fingerprint)
            .Select(v => v.Id).Take(1).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }

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
