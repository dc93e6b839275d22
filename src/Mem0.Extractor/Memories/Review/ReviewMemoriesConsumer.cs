using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;
using Mem0.Projections.Commands;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Review;

/// <summary>
/// Approve, reject, mark stale, set or clear an expiry, for several memories in one transaction with the command's
/// receipt. Every append names the version it read, so a memory changed meanwhile fails the commit and the retry
/// decides again on what it then reads.
/// </summary>
public sealed class ReviewMemoriesConsumer(IDocumentStore store, TimeProvider clock, ILogger<ReviewMemoriesConsumer> log) : IConsumer<ReviewMemories>
{
    public Task Consume(ConsumeContext<ReviewMemories> context) =>
        StoreRefusal.GuardAsync(context, log, RetriedOnConflict<ReviewMemoriesConsumer>.Retries, () => ReviewAsync(context));

    private async Task ReviewAsync(ConsumeContext<ReviewMemories> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        if (await context.RepliedFromReceiptAsync<ReviewMemoriesResult>(store, cmd, (r, s) => r with { Sequence = s })) return;
        await using var session = store.SessionFor(cmd);
        var views = await session.LoadByIdAsync<MemoryView>(cmd.MemoryIds.Distinct().ToArray(), v => v.Id, ct);
        var now = clock.GetUtcNow();
        var (decision, memories) = ReviewDecider.Decide(cmd, views, now);
        var result = new ReviewMemoriesResult(memories, 0);
        var sequence = await session.CommitAsync(decision, ct, receipt: CommandReceipt.For(cmd.CommandId, result, now));
        log.LogInformation("Review of {Count} memories: {Outcomes}", memories.Count,
            string.Join(", ", memories.GroupBy(m => m.Outcome).Select(g => $"{g.Count()} {g.Key}")));
        await context.RespondAsync(result with { Sequence = sequence });
    }
}
