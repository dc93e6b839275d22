using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Update;

/// <summary>Replaces a memory's text with an event on its stream, checked against the stream version it read.</summary>
public sealed class UpdateMemoryConsumer(IDocumentStore store, IEmbedder embedder, TimeProvider clock, ILogger<UpdateMemoryConsumer> log)
    : IConsumer<UpdateMemory>
{
    public Task Consume(ConsumeContext<UpdateMemory> context) => StoreRefusal.GuardAsync(context, log, () => UpdateAsync(context));

    private async Task UpdateAsync(ConsumeContext<UpdateMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        var vector = await embedder.EmbedAsync(cmd.Text, ct);
        var fingerprint = Fingerprint.Of(cmd.Text);

        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<MemoryView>(cmd.MemoryId, ct);
        var keyHeldElsewhere = current is not null &&
            await session.Query<MemoryView>().AnyAsync(v => v.UserId == current.UserId && v.ContentFingerprint == fingerprint && v.Id != cmd.MemoryId, ct);
        var decision = MemoryDecider.Update(current, cmd, vector, keyHeldElsewhere, clock.GetUtcNow());
        var sequence = await session.CommitAsync(decision, ct, embedder.Model);
        await context.RespondAsync(new UpdateMemoryResult(cmd.MemoryId, decision.Found, decision.Found ? cmd.Text : null, sequence));
    }
}
