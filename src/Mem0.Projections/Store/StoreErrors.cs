using Npgsql;

namespace Mem0.Projections.Store;

public static class StoreErrors
{
    /// <summary>A unique index refused the write: another writer stored the same key first.</summary>
    public static bool IsUniqueViolation(Exception ex) =>
        Find<PostgresException>(ex, e => e.SqlState == PostgresErrorCodes.UniqueViolation) is not null
        // Marten's own word for an insert of a document id that is taken; it does not keep PostgreSQL's error.
        || Find<JasperFx.DocumentAlreadyExistsException>(ex, _ => true) is not null;

    /// <summary>
    /// The first exception of type <typeparamref name="T"/> that matches, anywhere in the chain: Marten wraps
    /// PostgreSQL's errors, and a batch of writes aggregates them.
    /// </summary>
    public static T? Find<T>(Exception? ex, Func<T, bool> matches) where T : Exception => ex switch
    {
        null => null,
        T found when matches(found) => found,
        AggregateException many => many.InnerExceptions.Select(e => Find(e, matches)).FirstOrDefault(e => e is not null),
        _ => Find(ex.InnerException, matches),
    };

    /// <summary>The stream moved on between read and append (optimistic concurrency).</summary>
    public static bool IsConcurrencyConflict(Exception ex) =>
        // Two deliveries of one add both start its source stream (the command's id): the second loses like a race.
        ex is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException;
}
