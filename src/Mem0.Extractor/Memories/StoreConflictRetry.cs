using MassTransit;
using Mem0.Projections.Store;

namespace Mem0.Extractor.Memories;

/// <summary>
/// The retry policy of the consumers that write: a write that lost a race (a memory moved on between read and
/// append, or another writer took the same content key) runs again at once on what the store holds now. Any other
/// failure is not retried here: it faults, and the sender gets the fault as its reply.
/// </summary>
public static class StoreConflictRetry
{
    public static void Configure(IRetryConfigurator retry, int retries)
    {
        retry.Handle<Exception>(ex => StoreErrors.IsConcurrencyConflict(ex) || StoreErrors.IsUniqueViolation(ex));
        retry.Immediate(retries);
    }
}
