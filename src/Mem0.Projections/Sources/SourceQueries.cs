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

    /// <summary>
    /// <see cref="FindKnownInputAsync"/> for many inputs of one user in one round trip: the known ones by fingerprint
    /// (a batch of adds looks its items up before sending them).
    /// </summary>
    public static async Task<Dictionary<string, KnownInput>> FindKnownInputsAsync(this IQuerySession session, string userId,
        IReadOnlyCollection<string> fingerprints, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var holders = batch.Query<MemoryView>().Where(v => v.UserId == userId && v.ContentFingerprint!.IsOneOf(fingerprints.ToArray()))
            .Select(v => new { v.Id, v.ContentFingerprint }).ToList();
        var heard = batch.Query<SourceView>().Where(s => s.UserId == userId && s.ProducedNothing && s.Fingerprint.IsOneOf(fingerprints.ToArray()))
            .Select(s => s.Fingerprint).ToList();
        await batch.Execute(ct);
        var known = new Dictionary<string, KnownInput>();
        foreach (var fingerprint in await heard) known[fingerprint] = new KnownInput(null);
        foreach (var holder in await holders) known[holder.ContentFingerprint!] = new KnownInput(holder.Id);
        return known;
    }
}
