using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Ai;
using Mem0.Extractor.Decisions;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Mem0.Projections.Vectors;
using Mem0.Settings;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// A batch of adds (<see cref="AddMemories"/>) at bulk speed: every item's facts are extracted, all of them embedded in
/// one call, each item planned against the store as a single add would be, and every item that does not touch what an
/// earlier item of the batch touches is committed in one transaction, each with its own receipt and source. An item that
/// does (the same input, a fact with the same text or one close to an earlier item's fact, a memory another item
/// changes), or that asks for no dedup, runs alone after that commit, as a single add on the facts already extracted,
/// so it sees what the batch stored first. When the batch's commit loses a race with another writer, every item runs
/// alone. A provider failure fails that item only.
/// </summary>
public sealed class AddMemoriesConsumer(IDocumentStore store, AddPlanner planner, AddExecutor executor, IEmbedder embedder, AiOptions settings,
    ILogger<AddMemoriesConsumer> log) : IConsumer<AddMemories>
{
    /// <summary>
    /// Cosine at which a fact is "close" to an earlier item's fact, so the item runs alone, after it. The model's
    /// decision step would have been shown that memory as a candidate: a paraphrase, at 0.85 under the embedders we ship.
    /// The local decision step only ever acts on a near-twin (MEM0_LOCAL_DEDUP_THRESHOLD), so only a near-twin has to
    /// wait; with arctic-embed's high cosines, 0.85 sent most of a batch of similar-shaped notes one by one.
    /// </summary>
    private float RelatedCosine => settings.LlmProvider == LlmProvider.Local ? (float)settings.LocalDedupThreshold : 0.85f;

    /// <summary>Items whose model calls run at once: enough to overlap a provider's latency, as the add queue's limit.</summary>
    private const int ModelCallsAtOnce = 8;

    public Task Consume(ConsumeContext<AddMemories> context) => StoreRefusal.GuardAsync(context, log, 0, () => AddAllAsync(context));

    private async Task AddAllAsync(ConsumeContext<AddMemories> context)
    {
        var batch = context.Message;
        var ct = context.CancellationToken;
        var answers = new object?[batch.Items.Count];
        var timings = new StageTimings();

        // A retried batch: the items carried out before answer from their receipts.
        var receipts = await executor.FromReceiptsAsync(batch.Items, ct);
        for (var i = 0; i < batch.Items.Count; i++) answers[i] = receipts.GetValueOrDefault(batch.Items[i].CommandId);
        timings.Lap("receipt");
        var open = Enumerable.Range(0, batch.Items.Count).Where(i => answers[i] is null).ToList();

        var (plans, extracted, unplanned) = await PlanAsync(batch, open, answers, timings, ct);
        var (together, alone) = Partition(batch, plans);
        alone.AddRange(unplanned);
        var sequence = together.Count == 0 ? 0 : await CommitTogetherAsync(batch, together, plans, answers, alone, timings, ct);
        foreach (var i in alone.Order())
        {
            var own = new StageTimings();
            answers[i] = await RunAloneAsync(batch.Items[i], extracted[i], own, ct);
            foreach (var stage in own.Stages) timings.Add(stage.Stage, stage.Ms);
            if (answers[i] is AddMemoryResult r) sequence = Math.Max(sequence, r.Sequence);
        }

        var items = answers.Select(a => a switch
        {
            CommandFailed f => new AddMemoriesItem(null, f),
            AddMemoryResult r => new AddMemoriesItem(r with { Stages = null }, null),
            _ => throw new InvalidOperationException("An item of the batch was left without an answer."),
        }).ToList();
        await context.RespondAsync(new AddMemoriesResult(items, sequence, timings.Stages));
    }

    /// <summary>
    /// Each open item's plan (null for one whose provider call failed: its answer is set; and for one known to run alone
    /// before any decision, in the third list), and its facts with their vectors, for an item that then runs alone.
    /// Extraction runs a few items at once; the facts of all items are embedded in one call.
    /// </summary>
    private async Task<(AddPlan?[] Plans, ExtractedFacts?[] Extracted, HashSet<int> Alone)> PlanAsync(AddMemories batch, List<int> open, object?[] answers,
        StageTimings timings, CancellationToken ct)
    {
        var plans = new AddPlan?[batch.Items.Count];
        var extracted = new ExtractedFacts?[batch.Items.Count];
        if (planner.OneCall)
        {
            // One model call plans each item whole; there are no facts to embed together first, nor to keep.
            await EachAsync(open, answers, async i => plans[i] = await planner.PlanAsync(batch.Items[i], new StageTimings(), ct));
            timings.Lap("plan");
            return (plans, extracted, []);
        }
        var extractions = new Facts.FactExtraction?[batch.Items.Count];
        await EachAsync(open, answers, async i => extractions[i] = await planner.ExtractAsync(batch.Items[i], new StageTimings(), ct));
        timings.Lap("extract");

        var texts = open.Where(i => extractions[i] is not null).SelectMany(i => extractions[i]!.Facts).Distinct().ToList();
        var vectors = new Dictionary<string, float[]>();
        if (texts.Count > 0)
        {
            var embedded = await embedder.EmbedManyAsync(texts, ct);
            for (var k = 0; k < texts.Count; k++) vectors[texts[k]] = embedded[k];
        }
        timings.Lap("embed");

        var withFacts = open.Where(i => extractions[i] is not null).ToList();
        foreach (var i in withFacts) extracted[i] = new ExtractedFacts(extractions[i]!, extractions[i]!.Facts.Select(f => vectors[f]).ToList());
        var unplanned = AloneBeforePlanning(batch, withFacts, extractions, vectors);
        await EachAsync(withFacts.Where(i => !unplanned.Contains(i)), answers, async i =>
            plans[i] = await planner.PlanFactsAsync(batch.Items[i], extractions[i]!, extracted[i]!.Vectors, new StageTimings(), ct));
        timings.Lap("similar+decide");
        return (plans, extracted, unplanned);
    }

    /// <summary>A step for each item, a few at once; an item whose provider call fails gets its failure as its answer.</summary>
    private Task EachAsync(IEnumerable<int> items, object?[] answers, Func<int, Task> step) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = ModelCallsAtOnce }, async (i, _) =>
        {
            try
            {
                await step(i);
            }
            catch (Exception ex) when (ex is ProviderException or ModelReplyException)
            {
                answers[i] = executor.Upstream(ex);
            }
        });

    /// <summary>
    /// In the items' order: an item goes with the batch unless it touches what an earlier item of the batch touches, or
    /// asks for no dedup (its key check must see the store after the batch). Items left unplanned (failed, or known to
    /// run alone before planning) are not in either list.
    /// </summary>
    private (List<int> Together, List<int> Alone) Partition(AddMemories batch, AddPlan?[] plans)
    {
        var together = new List<int>();
        var alone = new List<int>();
        var taken = new BatchFootprint(RelatedCosine);
        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i] is not { } plan) continue;
            var writes = plan.Changes.Where(c => c.Kind != ChangeKind.Delete).Select(c => c.Text).ToList();
            var targets = plan.Changes.Where(c => c.TargetId is not null).Select(c => c.TargetId!.Value).ToList();
            (taken.TryTake(batch.Items[i], writes, writes.Select(t => plan.Vectors[t]).ToList(), targets) ? together : alone).Add(i);
        }
        return (together, alone);
    }

    /// <summary>
    /// Before any decision, the items whose facts already touch an earlier item's facts (<see cref="BatchFootprint"/>):
    /// they will run alone whatever their plan says, so with a model deciding they are not decided in the batch, where
    /// their decision would be paid for and thrown away. The local decision step costs nothing, so there every item is
    /// planned and the finer rule on what the plans write decides.
    /// </summary>
    private HashSet<int> AloneBeforePlanning(AddMemories batch, IEnumerable<int> extracted, Facts.FactExtraction?[] extractions,
        Dictionary<string, float[]> vectors)
    {
        if (settings.LlmProvider == LlmProvider.Local) return [];
        var taken = new BatchFootprint(RelatedCosine);
        return extracted.Where(i =>
        {
            var facts = extractions[i]!.Facts;
            return !taken.TryTake(batch.Items[i], facts, facts.Select(f => vectors[f]).ToList(), []);
        }).ToHashSet();
    }

    /// <summary>One transaction for the items that go together; when it loses a race, they all run alone instead.</summary>
    private async Task<long> CommitTogetherAsync(AddMemories batch, List<int> together, AddPlan?[] plans, object?[] answers, List<int> alone,
        StageTimings timings, CancellationToken ct)
    {
        var results = new Dictionary<int, AddMemoryResult>();
        try
        {
            await using var session = store.SessionFor(batch);
            foreach (var i in together)
            {
                var (decision, result, receipt) = executor.Decide(batch.Items[i], plans[i]!, claimKey: true);
                session.Stage(decision, decision.Vectors.Count > 0 ? embedder.Model : null, receipt);
                results[i] = result;
            }
            var sequence = await IndexWaitTimer.CommitAsync(timings, () => session.SaveAndGetSequenceAsync(ct));
            foreach (var (i, result) in results) answers[i] = result with { Sequence = sequence };
            return sequence;
        }
        catch (Exception ex) when ((StoreConflictRetry.IsTransient(ex) || StoreRefusal.DataException(ex) is not null) && !ct.IsCancellationRequested)
        {
            // A race, a dropped connection, or a value the store refuses in one of the items: each item alone gets its own answer.
            log.LogInformation("A batch of {Count} adds was not committed together ({Reason}); its items run one at a time", together.Count, ex.Message);
            alone.AddRange(together);
            return 0;
        }
    }

    /// <summary>
    /// One item as a single add, looking for its input first; once more after a lost race, as the add queue's retry. Its
    /// facts as the batch extracted them are planned again against the store, without a second extraction.
    /// </summary>
    private async Task<object> RunAloneAsync(AddMemory item, ExtractedFacts? extracted, StageTimings timings, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await executor.RunAsync(item, lookForKnown: true, timings, ct, extracted);
            }
            catch (Exception ex) when (attempt < AddMemoryConsumerDefinition.Retries && StoreConflictRetry.IsTransient(ex))
            {
                await Task.Delay(50, ct);
            }
            catch (Exception ex) when (StoreRefusal.DataException(ex) is { } data && !StoreErrors.IsConcurrencyConflict(ex))
            {
                return StoreRefusal.Refused(data, "item");
            }
        }
    }
}
