using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Ai;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// mem0's add: plan (facts, similar memories, decisions), then write every decision as an event in one
/// transaction. The content fingerprint is unique in the store, so of several concurrent retries of one add
/// exactly one commits and the others answer "deduplicated". A provider failure stores nothing and says so.
/// </summary>
public sealed class AddMemoryConsumer(
    IDocumentStore store,
    AddPlanner planner,
    IEmbedder embedder,
    TimeProvider clock,
    ILogger<AddMemoryConsumer> log) : IConsumer<AddMemory>
{
    public async Task Consume(ConsumeContext<AddMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;

        // With dedup on, the sender checked the fingerprint just before sending and the unique index settles any
        // race at commit, so only a forced add needs to look: it must not claim a key another memory holds.
        var claimKey = cmd.Dedup || await FindByContentAsync(cmd.Fingerprint, ct) is null;

        var plan = await PlanOrReplyAsync(context);
        if (plan is null) return;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (changes, sequence) = await CommitAsync(cmd, plan, claimKey, ct);
                await context.RespondAsync(new AddMemoryResult(changes, false, null, sequence));
                return;
            }
            catch (Exception ex) when (StoreErrors.IsUniqueViolation(ex) && attempt == 0)
            {
                if (cmd.Dedup && await FindByContentAsync(cmd.Fingerprint, ct) is { } winner)
                {
                    await context.RespondAsync(new AddMemoryResult([], true, winner, 0));
                    return;
                }
                claimKey = false;
            }
            catch (Exception ex) when (StoreErrors.IsConcurrencyConflict(ex) && attempt == 0)
            {
                // A memory the plan updates or deletes changed meanwhile: decide again on what is there now.
                plan = await PlanOrReplyAsync(context);
                if (plan is null) return;
            }
        }
    }

    private async Task<AddPlan?> PlanOrReplyAsync(ConsumeContext<AddMemory> context)
    {
        try
        {
            return await planner.PlanAsync(context.Message, context.CancellationToken);
        }
        catch (Exception ex) when (ex is ProviderException or ModelReplyException)
        {
            log.LogWarning("Add failed upstream, nothing stored: {Reason}", ex.Message);
            await context.RespondAsync(new CommandFailed(ReplyErrors.UpstreamProvider, ex.Message));
            return null;
        }
    }

    private async Task<Guid?> FindByContentAsync(string fingerprint, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.FindByContentAsync(fingerprint, ct);
    }

    private async Task<(List<MemoryChange> Changes, long Sequence)> CommitAsync(AddMemory cmd, AddPlan plan, bool claimKey, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var info = plan.Extraction;
        var changes = new List<MemoryChange>();
        var adds = plan.Writes.Count(w => w.Event == MemoryEventKind.Add);
        // v7 ids made in the same millisecond differ only in random bits; sorting them keeps fact order in listings.
        var ids = new Queue<Guid>(Enumerable.Range(0, adds).Select(_ => Guid.CreateVersion7(now)).Order());
        // The content key goes on the first new memory, or, when the add only changed memories, the first one changed.
        var keyHolder = plan.Writes.FirstOrDefault(w => w.Event == MemoryEventKind.Add) ?? plan.Writes.FirstOrDefault(w => w.Event == MemoryEventKind.Update);

        foreach (var w in plan.Writes)
        {
            var key = claimKey && ReferenceEquals(w, keyHolder) ? cmd.Fingerprint : null;
            switch (w.Event)
            {
                case MemoryEventKind.Add:
                    var id = ids.Dequeue();
                    session.Events.StartStream(id, new MemoryAdded(
                        id, w.Text, w.Fingerprint, key, cmd.UserId, cmd.By.AgentId, cmd.RunId, cmd.Metadata, cmd.By.Surface, now, info));
                    changes.Add(new MemoryChange(id, w.Text, MemoryEventKind.Add));
                    break;
                case MemoryEventKind.Update:
                    var target = w.Target!;
                    session.Events.Append(target.Id, target.Version + 1, new MemoryUpdated(
                        target.Id, w.Text, target.Text, w.Fingerprint, key ?? target.ContentFingerprint, cmd.By.AgentId, cmd.By.Surface, now, info));
                    changes.Add(new MemoryChange(target.Id, w.Text, MemoryEventKind.Update, target.Text));
                    break;
                case MemoryEventKind.Delete:
                    var gone = w.Target!;
                    session.Events.Append(gone.Id, gone.Version + 1, new MemoryDeleted(
                        gone.Id, gone.Text, gone.Fingerprint, cmd.By.AgentId, cmd.By.Surface, now, info));
                    changes.Add(new MemoryChange(gone.Id, gone.Text, MemoryEventKind.Delete));
                    break;
            }
            if (w.Vector is { } vector) session.Store(new CachedEmbedding { Id = CachedEmbedding.KeyFor(embedder.Model, w.Text), Vector = vector });
        }
        var sequence = changes.Count == 0 ? 0 : await session.SaveAndGetSequenceAsync(ct);
        return (changes, sequence);
    }
}
