using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Projections.Commands;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Update;

/// <summary>
/// Replaces a memory's text with an event on its stream, checked against the stream version it read, and against the
/// version the caller read when it names one (`If-Match`). A command carried out before is answered from its receipt.
/// </summary>
public sealed class UpdateMemoryConsumer(IDocumentStore store, IEmbedder embedder, TimeProvider clock, ILogger<UpdateMemoryConsumer> log)
    : IConsumer<UpdateMemory>
{
    public Task Consume(ConsumeContext<UpdateMemory> context) => StoreRefusal.GuardAsync(context, log, RetriedOnConflict<UpdateMemoryConsumer>.Retries, () => UpdateAsync(context));

    private async Task UpdateAsync(ConsumeContext<UpdateMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        if (await context.RepliedFromReceiptAsync<UpdateMemoryResult>(store, cmd, (r, s) => r with { Sequence = s })) return;
        var vector = await embedder.EmbedAsync(cmd.Text, ct);
        var fingerprint = Fingerprint.Of(cmd.Text);

        await using var session = store.SessionFor(cmd);
        var current = await session.LoadAsync<MemoryView>(cmd.MemoryId, ct);
        var keyHeldElsewhere = current is not null &&
            await session.Query<MemoryView>().AnyAsync(v => v.UserId == current.UserId && v.ContentFingerprint == fingerprint && v.Id != cmd.MemoryId, ct);
        var now = clock.GetUtcNow();
        var decision = MemoryDecider.Update(current, cmd, vector, keyHeldElsewhere, now);
        if (decision.VersionMoved)
        {
            await context.RespondAsync(new CommandFailed(ReplyErrors.PreconditionFailed,
                $"The memory is at version {current!.Version}, not {cmd.ExpectedVersion} (its ETag is now \"{current.Version}\"); nothing was changed. Read it again before updating."));
            return;
        }
        var result = new UpdateMemoryResult(cmd.MemoryId, decision.Found, decision.Found ? cmd.Text : null, 0);
        var sequence = await session.CommitAsync(decision, ct, embedder.Model, CommandReceipt.For(cmd.CommandId, result, now));
        await context.RespondAsync(result with { Sequence = sequence });
    }
}
