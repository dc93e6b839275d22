using Marten;

namespace Mem0.Projections.Store;

public static class SessionExtensions
{
    /// <summary>Commits and returns the highest event sequence written, so a reader elsewhere can wait for it.</summary>
    public static async Task<long> SaveAndGetSequenceAsync(this IDocumentSession session, CancellationToken ct)
    {
        var events = session.PendingChanges.Streams().SelectMany(s => s.Events).ToList();
        await session.SaveChangesAsync(ct);
        return events.Count == 0 ? 0 : events.Max(e => e.Sequence);
    }
}
