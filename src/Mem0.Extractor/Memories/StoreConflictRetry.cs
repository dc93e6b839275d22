using MassTransit;
using Mem0.Projections.Store;
using Npgsql;

namespace Mem0.Extractor.Memories;

/// <summary>
/// The retry policy of the consumers that write, by kind of failure. Transient, so run again on what the store holds
/// then: a lost race (a memory moved on between read and append, or another writer took the same content key) and
/// a transient PostgreSQL error (a dropped connection, a failover). Permanent, so never retried: everything else,
/// above all a value the store refuses (<see cref="StoreRefusal"/> answers it at once).
/// </summary>
public static class StoreConflictRetry
{
    public static void Configure(IRetryConfigurator retry, int retries)
    {
        retry.Handle<Exception>(IsTransient);
        // Short waits: a race is over at once, a reconnect takes a moment.
        retry.Intervals(Enumerable.Range(0, retries).Select(i => TimeSpan.FromMilliseconds(50 * (i + 1) * (i + 1))).ToArray());
    }

    /// <summary>
    /// Not a connect that timed out: the database host is unreachable, and trying again at once would only hold the
    /// caller another connect timeout per retry before the 503 it gets anyway.
    /// </summary>
    public static bool IsTransient(Exception ex) =>
        StoreErrors.IsConcurrencyConflict(ex) || StoreErrors.IsUniqueViolation(ex)
        || StoreErrors.Find<NpgsqlException>(ex, e => e.IsTransient && e.InnerException is not TimeoutException) is not null;
}
