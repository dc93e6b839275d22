using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Replies;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;

namespace Mem0.Extractor.Memories.Update;

/// <summary>Replaces a memory's text with an event on its stream, checked against the stream version it read.</summary>
public sealed class UpdateMemoryConsumer(IDocumentStore store, IEmbedder embedder, TimeProvider clock) : IConsumer<UpdateMemory>
{
    private const int Attempts = 3;

    public async Task Consume(ConsumeContext<UpdateMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        var fingerprint = Fingerprint.Of(cmd.Text);
        var vector = await embedder.EmbedAsync(cmd.Text, ct);
        var claimKey = true;

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var stream = await session.Events.FetchForWriting<MemoryView>(cmd.MemoryId, ct);
                if (stream.Aggregate is not { } view)
                {
                    await context.RespondAsync(new UpdateMemoryResult(cmd.MemoryId, false, null, 0));
                    return;
                }
                if (view.Text == cmd.Text)
                {
                    await context.RespondAsync(new UpdateMemoryResult(cmd.MemoryId, true, view.Text, 0));
                    return;
                }

                // The new text becomes this memory's dedup key unless another memory already answers to it.
                var takenElsewhere = await session.Query<MemoryView>().AnyAsync(v => v.ContentFingerprint == fingerprint && v.Id != cmd.MemoryId, ct);
                var contentKey = claimKey && !takenElsewhere ? fingerprint : null;
                stream.AppendOne(new MemoryUpdated(
                    cmd.MemoryId, cmd.Text, view.Text, fingerprint, contentKey, cmd.By.AgentId, cmd.By.Surface, clock.GetUtcNow()));
                session.Store(new CachedEmbedding { Id = CachedEmbedding.KeyFor(embedder.Model, cmd.Text), Vector = vector });
                var sequence = await session.SaveAndGetSequenceAsync(ct);
                await context.RespondAsync(new UpdateMemoryResult(cmd.MemoryId, true, cmd.Text, sequence));
                return;
            }
            catch (Exception ex) when (attempt < Attempts && (StoreErrors.IsConcurrencyConflict(ex) || StoreErrors.IsUniqueViolation(ex)))
            {
                claimKey = !StoreErrors.IsUniqueViolation(ex);
            }
        }
    }
}
