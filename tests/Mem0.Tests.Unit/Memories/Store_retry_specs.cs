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
        Assert.True(StoreConflictRetry.IsTransient(new AggregateException(new NpgsqlException("broken", new TimeoutException()))));
    }

    [Fact]
    public void A_failure_that_would_happen_again_is_not()
    {
        Assert.False(StoreConflictRetry.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(StoreConflictRetry.IsTransient(new NpgsqlException("permanent")));
    }
}
