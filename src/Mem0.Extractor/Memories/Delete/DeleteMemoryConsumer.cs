using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;

namespace Mem0.Extractor.Memories.Delete;

/// <summary>Ends a memory with an event; the stream stays, so its history outlives it.</summary>
public sealed class DeleteMemoryConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<DeleteMemory>
{
    public async Task Consume(ConsumeContext<DeleteMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<MemoryView>(cmd.MemoryId, ct);
        var decision = MemoryDecider.Delete(current, cmd.By, clock.GetUtcNow());
        var sequence = await session.CommitAsync(decision, ct);
        await context.RespondAsync(new DeleteMemoryResult(cmd.MemoryId, decision.Found, sequence));
    }
}
