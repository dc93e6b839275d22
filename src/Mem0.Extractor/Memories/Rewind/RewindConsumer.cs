using Marten;
using Mem0.Projections.Store;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Projections.Commands;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Sources;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Rewind;

/// <summary>
/// Revert, undelete, and an input's undo or forgetting: reads the timelines (and the source), lets
/// <see cref="RewindDecider"/> decide, and appends its events with the command's receipt in one transaction. Every
/// append names the version it read, so a memory changed meanwhile fails the commit and the retry decides again.
/// </summary>
public sealed class RewindConsumer(IDocumentStore store, TimeProvider clock, ILogger<RewindConsumer> log) : IConsumer<Contracts.Commands.Rewind>
{
    public Task Consume(ConsumeContext<Contracts.Commands.Rewind> context) =>
        StoreRefusal.GuardAsync(context, log, RetriedOnConflict<RewindConsumer>.Retries, () => RewindAsync(context));

    private async Task RewindAsync(ConsumeContext<Contracts.Commands.Rewind> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        if (await context.RepliedFromReceiptAsync<RewindResult>(store, cmd, (r, s) => r with { Sequence = s })) return;
        await using var session = store.SessionFor(cmd);
        var source = cmd.Kind is RewindKind.UndoSource or RewindKind.ForgetSource ? await session.LoadAsync<SourceView>(cmd.TargetId, ct) : null;
        var ids = source?.Changes.Select(c => c.MemoryId).Distinct().ToArray() ?? [cmd.TargetId];
        var timelines = await session.LoadByIdAsync<MemoryTimeline>(ids, t => t.Id, ct);
        var views = await session.LoadByIdAsync<MemoryView>(ids, v => v.Id, ct);
        var now = clock.GetUtcNow();
        var decided = RewindDecider.Decide(cmd, new RewindState(timelines, views, source), now);
        if (decided.Refused is { } refused)
        {
            await context.RespondAsync(refused);
            return;
        }
        if (cmd.Kind == RewindKind.ForgetSource) await SourceMasking.ForgetAsync(store, cmd.TargetId, ct);
        var result = new RewindResult(decided.Memories, 0);
        var sequence = await session.CommitAsync(decided.Decision, ct, receipt: CommandReceipt.For(cmd.CommandId, result, now));
        log.LogInformation("{Kind} of {Target}: {Outcomes}", cmd.Kind, cmd.TargetId,
            string.Join(", ", decided.Memories.GroupBy(m => m.Outcome).Select(g => $"{g.Count()} {g.Key}")));
        await context.RespondAsync(result with { Sequence = sequence });
    }
}
