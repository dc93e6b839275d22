using MassTransit;
using Mem0.Contracts.Replies;
using Mem0.Projections.Store;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mem0.Extractor.Memories;

/// <summary>
/// A value PostgreSQL cannot store (its class 22, data exceptions: a NUL character, a number out of range) is the
/// request's to change, and the same command would fail again: it is answered at once with `validation_error`,
/// nothing written, never retried, and never left to MassTransit's fault (which cannot even serialize an Npgsql
/// exception, so the sender used to wait for its whole bus timeout).
/// </summary>
public static class StoreRefusal
{
    /// <summary>Runs a consumer's body; a lost race still reaches the retry policy, a data exception is answered.</summary>
    public static async Task GuardAsync<T>(ConsumeContext<T> context, ILogger log, Func<Task> body) where T : class
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (DataException(ex) is { } data && !StoreErrors.IsConcurrencyConflict(ex))
        {
            log.LogWarning("{Command} refused by the store ({SqlState}); nothing was written", typeof(T).Name, data.SqlState);
            await context.RespondAsync(new CommandFailed(ReplyErrors.Validation,
                $"The store cannot keep a value of this request (PostgreSQL {data.SqlState}: {data.MessageText}); nothing was written."));
        }
    }

    /// <summary>PostgreSQL's class 22 anywhere in the chain.</summary>
    public static PostgresException? DataException(Exception? ex) =>
        StoreErrors.Find<PostgresException>(ex, pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal));
}
