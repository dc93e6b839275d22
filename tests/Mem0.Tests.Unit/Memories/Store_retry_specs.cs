using Mem0.Extractor.Memories;
using Npgsql;

namespace Mem0.Tests.Unit.Memories;

/// <summary>Which failures the writing consumers retry: races and transient database errors, never a refused value.</summary>
public sealed class Store_retry_specs
{
    [Fact]
    public void A_lost_race_and_a_dropped_connection_are_retried()
    {
        Assert.True(StoreConflictRetry.IsTransient(new JasperFx.ConcurrencyException(typeof(object), Guid.Empty)));
        Assert.True(StoreConflictRetry.IsTransient(new InvalidOperationException("wrapped", new NpgsqlException("connection reset", new IOException()))));
        Assert.True(StoreConflictRetry.IsTransient(new AggregateException(new NpgsqlException("broken", new EndOfStreamException()))));
        // Two deliveries of one command inserting its receipt: Marten's own word for the taken id.
        Assert.True(StoreConflictRetry.IsTransient(new JasperFx.DocumentAlreadyExistsException(new InvalidOperationException(), typeof(object), Guid.Empty)));
    }

    [Fact]
    public void A_connect_that_timed_out_is_not_retried_at_once()
    {
        // The host is unreachable: another try would hold the caller a further connect timeout before the same 503.
        Assert.False(StoreConflictRetry.IsTransient(new AggregateException(new NpgsqlException("The operation has timed out", new TimeoutException()))));
    }

    [Fact]
    public void A_failure_that_would_happen_again_is_not()
    {
        Assert.False(StoreConflictRetry.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(StoreConflictRetry.IsTransient(new NpgsqlException("permanent")));
    }
}
