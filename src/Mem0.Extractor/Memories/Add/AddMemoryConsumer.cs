using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Ai;
using Mem0.Extractor.Decisions;
using Mem0.Projections.Commands;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Sources;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// mem0's add: plan (facts, similar memories, decisions), decide the events, append them in one transaction. The
/// content fingerprint is unique in the store, so of several concurrent retries of one add exactly one commits and
/// the others answer "deduplicated" (the definition's retry policy runs the add again after such a race, or after a
/// memory it changes moved on meanwhile). A command carried out before is answered from its receipt (<see cref="Inbox"/>).
/// A provider failure stores nothing and says so.
/// </summary>
public sealed class AddMemoryConsumer(
    IDocumentStore store,
    AddPlanner planner,
    IEmbedder embedder,
    TimeProvider clock,
    ILogger<AddMemoryConsumer> log) : IConsumer<AddMemory>
{
    public Task Consume(ConsumeContext<AddMemory> context) => StoreRefusal.GuardAsync(context, log, AddMemoryConsumerDefinition.Retries, () => AddAsync(context));

    private async Task AddAsync(ConsumeContext<AddMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;
        var timings = new StageTimings();
        if (await context.RepliedFromReceiptAsync<AddMemoryResult>(store, cmd, (r, s) => r with { Sequence = s })) return;

        // With dedup on, the sender checked the fingerprint just before sending and the unique index settles a race
        // at commit; only a retry after that race, or a forced add (which must not claim a key another memory
        // holds), needs to look.
        var known = cmd.Dedup && context.GetRetryAttempt() == 0 ? null : await FindKnownInputAsync(cmd.UserId, cmd.Fingerprint, ct);
        if (cmd.Dedup && known is not null)
        {
            await context.RespondAsync(new AddMemoryResult([], true, known.MemoryId, 0));
            return;
        }

        timings.Lap("receipt");
        var plan = await PlanOrReplyAsync(context, timings);
        if (plan is null) return;
        var now = clock.GetUtcNow();
        var decision = MemoryDecider.Add(cmd, plan, claimKey: known?.MemoryId is null, now, NewIds(now, plan.Changes.Count(c => c.Kind == ChangeKind.Add)));
        var result = new AddMemoryResult(decision.Changes.ToList(), false, null, 0);
        await using var session = store.SessionFor(cmd);
        var sequence = await session.CommitAsync(decision, ct, embedder.Model, CommandReceipt.For(cmd.CommandId, result, now));
        timings.Lap("commit");
        await context.RespondAsync(result with { Sequence = sequence, Stages = timings.Stages });
    }

    /// <summary>v7 ids made in the same millisecond differ only in random bits; sorting them keeps fact order in listings.</summary>
    private static List<Guid> NewIds(DateTimeOffset now, int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7(now)).Order().ToList();

    private async Task<AddPlan?> PlanOrReplyAsync(ConsumeContext<AddMemory> context, StageTimings timings)
    {
        try
        {
            return await planner.PlanAsync(context.Message, timings, context.CancellationToken);
        }
        catch (Exception ex) when (ex is ProviderException or ModelReplyException)
        {
            log.LogWarning("Add failed upstream, nothing stored: {Reason}", ex.Message);
            await context.RespondAsync(new CommandFailed(ReplyErrors.UpstreamProvider, ex.Message));
            return null;
        }
    }

    private async Task<KnownInput?> FindKnownInputAsync(string userId, string fingerprint, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.FindKnownInputAsync(userId, fingerprint, ct);
    }
}
