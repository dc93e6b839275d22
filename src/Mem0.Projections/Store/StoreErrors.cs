using Npgsql;

namespace Mem0.Projections.Store;

public static class StoreErrors
{
    /// <summary>A unique index refused the write: another writer stored the same key first.</summary>
    public static bool IsUniqueViolation(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        }
        return false;
    }

    /// <summary>The stream moved on between read and append (optimistic concurrency).</summary>
    public static bool IsConcurrencyConflict(Exception ex) =>
        ex is JasperFx.ConcurrencyException;
}
