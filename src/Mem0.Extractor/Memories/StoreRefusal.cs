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
/// exception, so the sender used to wait for its whole bus timeout). A database that stays unreachable through the
/// consumer's last retry is answered the same way, with `backend_unavailable` (the caller's 503): left to MassTransit,
/// its fault reaches the sender first and reads as an extractor bug (500).
/// </summary>
public static class StoreRefusal
{
    /// <summary>
    /// Runs a consumer's body; a lost race still reaches the retry policy, a data exception is answered, and so is a
    /// database that is down when the retry policy will not try again (the last of <paramref name="retries"/>, or a
    /// connect that timed out, which it never retries).
    /// </summary>
    public static async Task GuardAsync<T>(ConsumeContext<T> context, ILogger log, int retries, Func<Task> body) where T : class
    {
        try
        {
            await body();
        }
        catch (Exception ex) when ((context.GetRetryAttempt() >= retries || !StoreConflictRetry.IsTransient(ex))
                                   && StoreErrors.Find<NpgsqlException>(ex, e => e.IsTransient) is { } down)
        {
            log.LogWarning("{Command} could not reach the event store after {Retries} retries: {Reason}", typeof(T).Name, retries, down.Message);
            await context.RespondAsync(new CommandFailed(ReplyErrors.BackendUnavailable,
                "The event store (PostgreSQL) is unreachable; nothing was written. Retry shortly."));
        }
        catch (Exception ex) when (DataException(ex) is { } data && !StoreErrors.IsConcurrencyConflict(ex))
        {
            log.LogWarning("{Command} refused by the store ({SqlState}); nothing was written", typeof(T).Name, data.SqlState);
            await context.RespondAsync(Refused(data, "request"));
        }
    }

    /// <summary>The answer to a value the store refused in this <paramref name="what"/> (a request, a batch's item).</summary>
    public static CommandFailed Refused(PostgresException data, string what) =>
        new(ReplyErrors.Validation, $"The store cannot keep a value of this {what} (PostgreSQL {data.SqlState}: {data.MessageText}); nothing was written.");

    /// <summary>PostgreSQL's class 22 anywhere in the chain.</summary>
    public static PostgresException? DataException(Exception? ex) =>
        StoreErrors.Find<PostgresException>(ex, pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal));
}
