using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;

namespace Mem0.Extractor.Memories.Delete;

/// <summary>Ends a memory with an event; the stream stays, so its history outlives it.</summary>
public sealed class DeleteMemoryConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<DeleteMemory>
{
    private const int Attempts = 3;

    public async Task Consume(ConsumeContext<DeleteMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var stream = await session.Events.FetchForWriting<MemoryView>(cmd.MemoryId, ct);
                if (stream.Aggregate is not { } view)
                {
                    await context.RespondAsync(new DeleteMemoryResult(cmd.MemoryId, false, 0));
                    return;
                }
                stream.AppendOne(new MemoryDeleted(cmd.MemoryId, view.Text, view.Fingerprint, cmd.By.AgentId, cmd.By.Surface, clock.GetUtcNow()));
                var sequence = await session.SaveAndGetSequenceAsync(ct);
                await context.RespondAsync(new DeleteMemoryResult(cmd.MemoryId, true, sequence));
                return;
            }
            catch (Exception ex) when (attempt < Attempts && StoreErrors.IsConcurrencyConflict(ex))
            {
                // Someone changed the memory between our read and our append: read it again.
            }
        }
    }
}
