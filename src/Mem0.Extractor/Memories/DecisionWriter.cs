using Marten;
using Mem0.Projections.Commands;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Store;

namespace Mem0.Extractor.Memories;

/// <summary>Appends a decision's events, with the vectors of the texts it writes, in one transaction.</summary>
public static class DecisionWriter
{
    /// <summary>
    /// The commit's event sequence (what reads wait for), or 0 when the decision writes nothing. A decision that
    /// writes texts carries their vectors, cached under <paramref name="embedModel"/>. The command's <paramref name="receipt"/>
    /// commits with the events (see <see cref="Inbox"/>), alone when the decision writes nothing.
    /// </summary>
    public static async Task<long> CommitAsync(this IDocumentSession session, Decision decision, CancellationToken ct, string? embedModel = null,
        CommandReceipt? receipt = null)
    {
        Stage(session, decision, embedModel, receipt);
        if (decision.Writes.Count == 0)
        {
            if (receipt is not null) await session.SaveChangesAsync(ct);
            return 0;
        }
        return await session.SaveAndGetSequenceAsync(ct);
    }

    /// <summary>
    /// Queues a decision's events, vectors and receipt in the session without saving, so several decisions (a batch
    /// of adds) commit in one transaction.
    /// </summary>
    public static void Stage(this IDocumentSession session, Decision decision, string? embedModel, CommandReceipt? receipt)
    {
        if (decision.Vectors.Count > 0 && embedModel is null) throw new ArgumentNullException(nameof(embedModel), "A decision that writes texts caches their vectors by model.");
        // Insert, not store: of two deliveries racing to commit the same command, the second fails on the key and,
        // retried, answers from the first one's receipt. Also when this one writes nothing: it may have decided so
        // because the other's memories were already there, and it must answer what the other did, not "nothing".
        if (receipt is not null) session.Insert(receipt);
        foreach (var write in decision.Writes)
        {
            if (write.ExpectedVersion == 0) session.Events.StartStream(write.StreamId, write.Event);
            else session.Events.Append(write.StreamId, write.ExpectedVersion, write.Event);
        }
        foreach (var (text, vector) in decision.Vectors)
        {
            session.Store(new CachedEmbedding { Id = CachedEmbedding.KeyFor(embedModel!, text), Vector = vector });
        }
    }
}
