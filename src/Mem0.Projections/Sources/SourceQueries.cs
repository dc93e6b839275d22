using Marten;
using Mem0.Projections.Memories;

namespace Mem0.Projections.Sources;

/// <summary>An input the store has taken before: `MemoryId` is the memory its add made or changed, null when it made none.</summary>
public sealed record KnownInput(Guid? MemoryId);

public static class SourceQueries
{
    /// <summary>
    /// Whether this user's input was taken before, in one round trip: a memory holds its content key, or a source
    /// with its fingerprint produced nothing (a repeated "thanks!" is as free as a repeated fact).
    /// </summary>
    public static async Task<KnownInput?> FindKnownInputAsync(this IQuerySession session, string userId, string fingerprint, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var holders = batch.Query<MemoryView>().Where(v => v.UserId == userId && v.ContentFingerprint == fingerprint).Select(v => v.Id).ToList();
        var heard = batch.Query<SourceView>().Where(s => s.UserId == userId && s.Fingerprint == fingerprint && s.ProducedNothing).Any();
        await batch.Execute(ct);
        var ids = await holders;
        return ids.Count > 0 ? new KnownInput(ids[0]) : await heard ? new KnownInput(null) : null;
    }
}
