using Marten;

namespace Mem0.Projections.Store;

public static class SessionExtensions
{
    /// <summary>The documents of these ids that exist, by id; no round trip when there are none.</summary>
    public static async Task<Dictionary<Guid, T>> LoadByIdAsync<T>(this IQuerySession session, IEnumerable<Guid> ids, Func<T, Guid> idOf,
        CancellationToken ct) where T : notnull
    {
        var list = ids.Distinct().ToArray();
        return list.Length == 0 ? [] : (await session.LoadManyAsync<T>(ct, list)).ToDictionary(idOf);
    }

    /// <summary>Commits and returns the highest event sequence written, so a reader elsewhere can wait for it.</summary>
    public static async Task<long> SaveAndGetSequenceAsync(this IDocumentSession session, CancellationToken ct)
    {
        var events = session.PendingChanges.Streams().SelectMany(s => s.Events).ToList();
        await session.SaveChangesAsync(ct);
        return events.Count == 0 ? 0 : events.Max(e => e.Sequence);
    }
}
