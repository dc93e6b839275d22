using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.DeleteBulk;

/// <summary>
/// Deletes by exact-match filters, one event per memory (so every history stays whole), in batches that each
/// commit on their own. A failed batch stops the run and reports how many went before it; re-posting is safe.
/// </summary>
public sealed class DeleteMemoriesConsumer(IDocumentStore store, TimeProvider clock, ILogger<DeleteMemoriesConsumer> log)
    : IConsumer<DeleteMemories>
{
    private const int BatchSize = 100;
    private const int SampleSize = 10;

    // No retry policy: a failed batch is reported, and re-posting the call finishes the job.
    public Task Consume(ConsumeContext<DeleteMemories> context) => StoreRefusal.GuardAsync(context, log, retries: 0, () => DeleteAsync(context));

    private async Task DeleteAsync(ConsumeContext<DeleteMemories> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        var matches = await FindAsync(cmd.Filter, cmd.Cap + 1, ct);
        var hasMore = matches.Count > cmd.Cap;
        if (hasMore) matches.RemoveAt(matches.Count - 1);
        var sample = matches.Take(SampleSize).Select(v => new MemorySample(v.Id, v.Text, v.AgentId, v.RunId)).ToList();

        if (!cmd.Confirm)
        {
            await context.RespondAsync(new DeleteMemoriesResult(matches.Count, 0, true, hasMore, sample, null, 0));
            return;
        }

        var deleted = 0;
        long sequence = 0;
        string? error = null;
        foreach (var batch in matches.Chunk(BatchSize))
        {
            try
            {
                await using var session = store.SessionFor(cmd);
                sequence = await session.CommitAsync(MemoryDecider.DeleteAll(batch, cmd.By, clock.GetUtcNow()), ct);
                deleted += batch.Length;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Bulk delete stopped after {Deleted} of {Matched} memories", deleted, matches.Count);
                error = "delete_failed_partway";
                break;
            }
        }
        await context.RespondAsync(new DeleteMemoriesResult(matches.Count, deleted, false, hasMore, sample, error, sequence));
    }

    private async Task<List<MemoryView>> FindAsync(BulkDeleteFilter f, int take, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var query = session.Query<MemoryView>().Matching(f.UserId, f.AgentId, f.RunId, f.Source, f.Confidence, f.ReviewStatus);
        return (await query.OrderBy(v => v.Id).Take(take).ToListAsync(ct)).ToList();
    }
}
