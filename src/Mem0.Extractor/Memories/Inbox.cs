using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Projections.Commands;

namespace Mem0.Extractor.Memories;

/// <summary>
/// Exactly-once effect for the commands that change memories: a command whose receipt exists was carried out, and
/// is answered from the receipt without acting again (<see cref="CommandReceipt"/>). The receipt is written by
/// <see cref="DecisionWriter.CommitAsync"/> with the events; sessions opened here stamp every event with the
/// command's id (Marten's causation id).
/// </summary>
public static class Inbox
{
    /// <summary>A session whose events carry the command's id.</summary>
    public static IDocumentSession SessionFor(this IDocumentStore store, ICommand command)
    {
        var session = store.LightweightSession();
        session.CausationId = command.CommandId.ToString();
        return session;
    }

    /// <summary>
    /// True when the command was carried out already and its recorded reply has been sent again. The sequence a
    /// reader waits for becomes the store's latest: the recorded one is not known inside the committing transaction,
    /// and a later one only makes the reader wait for what it would see anyway.
    /// </summary>
    public static async Task<bool> RepliedFromReceiptAsync<TReply>(this ConsumeContext context, IDocumentStore store, ICommand command,
        Func<TReply, long, TReply> withSequence) where TReply : class
    {
        if (await store.ReadReceiptAsync(command, withSequence, context.CancellationToken) is not { } reply) return false;
        await context.RespondAsync(reply);
        return true;
    }

    /// <summary>The recorded reply of a command carried out before, with the store's latest sequence; null when it has not run.</summary>
    public static async Task<TReply?> ReadReceiptAsync<TReply>(this IDocumentStore store, ICommand command, Func<TReply, long, TReply> withSequence,
        CancellationToken ct) where TReply : class
    {
        CommandReceipt? receipt;
        await using (var session = store.QuerySession())
        {
            receipt = await session.LoadAsync<CommandReceipt>(command.CommandId, ct);
        }
        if (receipt is null) return null;
        var sequence = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
        ExtractorMetrics.Replayed.WithLabels(command.GetType().Name).Inc();
        return withSequence(receipt.Read<TReply>(), sequence);
    }
}
