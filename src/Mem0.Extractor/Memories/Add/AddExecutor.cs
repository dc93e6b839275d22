using Marten;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Ai;
using Mem0.Extractor.Decisions;
using Mem0.Projections.Commands;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Sources;
using Mem0.Projections.Vectors;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// One add, whole: answered from its receipt when it ran before; otherwise planned, decided and committed with its
/// receipt in one transaction. The answer is an <see cref="AddMemoryResult"/>, or a <see cref="CommandFailed"/> when
/// the provider failed (nothing stored). A lost race is thrown, for the caller's retry to run it again on what the
/// store holds then. Shared by the single add's consumer and the items a batch runs one at a time.
/// </summary>
public sealed class AddExecutor(IDocumentStore store, AddPlanner planner, IEmbedder embedder, TimeProvider clock, ILogger<AddExecutor> log)
{
    /// <param name="lookForKnown">
    /// Check the input's fingerprint here: not needed on a first try with dedup on (the sender looked just before
    /// sending and the unique index settles a race at commit), needed on a retry after that race and for a forced
    /// add, which must not claim a key another memory holds.
    /// </param>
    /// <param name="extracted">The input's facts, when a batch already extracted them (see <see cref="AddPlanner.PlanAsync"/>).</param>
    public async Task<object> RunAsync(AddMemory cmd, bool lookForKnown, StageTimings timings, CancellationToken ct, ExtractedFacts? extracted = null)
    {
        if (await store.ReadReceiptAsync<AddMemoryResult>(cmd, (r, s) => r with { Sequence = s }, ct) is { } replayed) return replayed;
        var known = cmd.Dedup && !lookForKnown ? null : await FindKnownInputAsync(cmd.UserId, cmd.Fingerprint, ct);
        if (cmd.Dedup && known is not null) return AddMemoryResult.Known(known.MemoryId);
        timings.Lap("receipt");

        AddPlan plan;
        try
        {
            plan = await planner.PlanAsync(cmd, timings, ct, extracted);
        }
        catch (Exception ex) when (ex is ProviderException or ModelReplyException)
        {
            return Upstream(ex);
        }
        var (decision, result, receipt) = Decide(cmd, plan, claimKey: known?.MemoryId is null);
        await using var session = store.SessionFor(cmd);
        var sequence = await IndexWaitTimer.CommitAsync(timings, () => session.CommitAsync(decision, ct, embedder.Model, receipt));
        return result with { Sequence = sequence, Stages = timings.Stages };
    }

    /// <summary>The events of a planned add, its answer (no sequence yet) and its receipt.</summary>
    public (Decision Decision, AddMemoryResult Result, CommandReceipt Receipt) Decide(AddMemory cmd, AddPlan plan, bool claimKey)
    {
        var now = clock.GetUtcNow();
        var decision = MemoryDecider.Add(cmd, plan, claimKey, now, NewIds(now, plan.Changes.Count(c => c.Kind == ChangeKind.Add)));
        var result = new AddMemoryResult(decision.Changes.ToList(), false, null, 0);
        return (decision, result, CommandReceipt.For(cmd.CommandId, result, now));
    }

    public CommandFailed Upstream(Exception ex)
    {
        log.LogWarning("Add failed upstream, nothing stored: {Reason}", ex.Message);
        return new CommandFailed(ReplyErrors.UpstreamProvider, ex.Message);
    }

    /// <summary><see cref="Inbox.ReadReceiptAsync"/> for many adds in one read: the answers of those carried out before, by command id.</summary>
    public async Task<Dictionary<Guid, AddMemoryResult>> FromReceiptsAsync(IReadOnlyList<AddMemory> cmds, CancellationToken ct)
    {
        IReadOnlyList<CommandReceipt> receipts;
        await using (var session = store.QuerySession())
        {
            receipts = await session.LoadManyAsync<CommandReceipt>(ct, cmds.Select(c => c.CommandId).ToArray());
        }
        if (receipts.Count == 0) return [];
        ExtractorMetrics.Replayed.WithLabels(nameof(AddMemory)).Inc(receipts.Count);
        var sequence = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
        return receipts.ToDictionary(r => r.Id, r => r.Read<AddMemoryResult>() with { Sequence = sequence });
    }

    /// <summary>v7 ids made in the same millisecond differ only in random bits; sorting them keeps fact order in listings.</summary>
    private static List<Guid> NewIds(DateTimeOffset now, int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7(now)).Order().ToList();

    private async Task<KnownInput?> FindKnownInputAsync(string userId, string fingerprint, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.FindKnownInputAsync(userId, fingerprint, ct);
    }
}
