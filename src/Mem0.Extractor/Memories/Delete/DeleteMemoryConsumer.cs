using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Projections.Commands;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Delete;

/// <summary>
/// Ends a memory with an event; the stream stays, so its history outlives it. A command carried out before is answered
/// from its receipt, so a redelivered delete says "deleted", not "not found".
/// </summary>
public sealed class DeleteMemoryConsumer(IDocumentStore store, TimeProvider clock, ILogger<DeleteMemoryConsumer> log) : IConsumer<DeleteMemory>
{
    public Task Consume(ConsumeContext<DeleteMemory> context) =>
        StoreRefusal.GuardAsync(context, log, RetriedOnConflict<DeleteMemoryConsumer>.Retries, () => DeleteAsync(context));

    private async Task DeleteAsync(ConsumeContext<DeleteMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        if (await context.RepliedFromReceiptAsync<DeleteMemoryResult>(store, cmd, (r, s) => r with { Sequence = s })) return;
        await using var session = store.SessionFor(cmd);
        var current = await session.LoadAsync<MemoryView>(cmd.MemoryId, ct);
        var now = clock.GetUtcNow();
        var decision = MemoryDecider.Delete(current, cmd.By, now);
        var result = new DeleteMemoryResult(cmd.MemoryId, decision.Found, 0);
        var sequence = await session.CommitAsync(decision, ct, receipt: CommandReceipt.For(cmd.CommandId, result, now));
        await context.RespondAsync(result with { Sequence = sequence });
    }
}
