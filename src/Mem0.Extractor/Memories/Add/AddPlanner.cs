using Marten;
using Prometheus;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Extractor.Decisions;
using Mem0.Extractor.Facts;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Ranking;
using Mem0.Projections.Vectors;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// Steps one to three of mem0's add: extract facts, embed each and fetch the 5 most similar stored memories (plus
/// any with the very same text), then let the decision step say what changes. Reads only; nothing is written here.
/// </summary>
public sealed class AddPlanner(
    IDocumentStore store, IFactExtractor extractor, IUpdateDecider decider, IEmbedder embedder, IVectorIndex index, TermRanking terms,
    AiOptions settings, ILogger<AddPlanner> log, OneCallDecider? oneCall = null)
{
    private const int SimilarLimit = 5;

    /// <summary>The one-call pipeline shows the model as many memories close to the whole input as mem0 does: ten.</summary>
    private const int InputSimilarLimit = 10;

    /// <summary>True with MEM0_PIPELINE=one-call and a model: each add is planned whole (<see cref="PlanInOneCallAsync"/>).</summary>
    public bool OneCall => oneCall is not null;

    /// <summary>The keyword fallback's pool: words held by at most this many of the user's memories make candidates.</summary>
    private const int TermPool = 50;

    /// <param name="extracted">
    /// The input's facts found before (a batch item run alone after its batch): planned from those, without asking the
    /// model to extract them again. The one-call pipeline has no separate extraction and plans whole anyway.
    /// </param>
    public async Task<AddPlan> PlanAsync(AddMemory cmd, StageTimings timings, CancellationToken ct, ExtractedFacts? extracted = null)
    {
        if (oneCall is not null) return await PlanInOneCallAsync(oneCall, cmd, timings, ct);
        if (extracted is not null) return await PlanFactsAsync(cmd, extracted.Extraction, extracted.Vectors, timings, ct);
        var extraction = await ExtractAsync(cmd, timings, ct);
        var vectors = extraction.Facts.Count == 0 ? [] : await embedder.EmbedManyAsync(extraction.Facts, ct);
        if (extraction.Facts.Count > 0) timings.Lap("embed");
        return await PlanFactsAsync(cmd, extraction, vectors, timings, ct);
    }

    /// <summary>Step one alone: the input's facts (a batch extracts every item first, then embeds all their facts in one call).</summary>
    public async Task<Facts.FactExtraction> ExtractAsync(AddMemory cmd, StageTimings timings, CancellationToken ct)
    {
        Facts.FactExtraction extraction;
        using (ExtractorMetrics.Extraction.WithLabels(settings.LlmProviderName).NewTimer()) extraction = await extractor.ExtractAsync(cmd.Content, cmd.Messages, cmd.OccurredAt, ct);
        timings.Lap("extract");
        return extraction;
    }

    /// <summary>Steps two and three for facts already extracted and embedded (<paramref name="vectors"/> in the facts' order).</summary>
    public async Task<AddPlan> PlanFactsAsync(AddMemory cmd, Facts.FactExtraction extraction, IReadOnlyList<float[]> vectors, StageTimings timings,
        CancellationToken ct)
    {
        var facts = extraction.Facts;
        ExtractionInfo Info(Ai.TokenUsage usage) =>
            new(settings.LlmModel, $"{extractor.PromptVersion}+{decider.PromptVersion}", usage.Input, usage.Output);
        if (facts.Count == 0) return new AddPlan([], new Dictionary<Guid, MemoryView>(), new Dictionary<string, float[]>(), Info(extraction.Usage));

        var fingerprints = facts.Select(Fingerprint.Of).ToArray();
        var hits = await SimilarAsync(facts, vectors, cmd.UserId, SimilarLimit, ct);

        // One read for both: the memories the index found and any with the very same text.
        await using var session = store.QuerySession();
        var hitIds = hits.SelectMany(h => h.Select(x => x.Id)).Distinct().ToArray();
        var views = (await session.Query<MemoryView>()
                .Where(v => v.UserId == cmd.UserId && (v.Fingerprint.IsOneOf(fingerprints) || v.Id.IsOneOf(hitIds)))
                .ToListAsync(ct))
            .ToDictionary(v => v.Id);
        var sameText = views.Values.Where(v => fingerprints.Contains(v.Fingerprint)).ToList();

        var newFacts = facts.Select((text, i) => new NewFact(text, fingerprints[i], vectors[i],
            sameText.Where(v => v.Fingerprint == fingerprints[i]).Select(v => new SimilarMemory(v.Id, v.Fingerprint, 1f))
                .Concat(hits[i].Where(h => views.ContainsKey(h.Id)).Select(h => new SimilarMemory(h.Id, views[h.Id].Fingerprint, h.Score)))
                .ToList())).ToList();
        // Closest first, so a model that reads top-down sees the likeliest match first.
        var related = newFacts.SelectMany(f => f.Similar).OrderByDescending(s => s.Score).Select(s => s.Id).Distinct()
            .Select(id => views[id]).Select(v => new StoredMemory(v.Id, v.Text, v.Fingerprint)).ToList();

        timings.Lap("similar");
        var plan = await decider.DecideAsync(newFacts, related, ct);
        timings.Lap("decide");

        var vectorsByText = new Dictionary<string, float[]>();
        for (var i = 0; i < facts.Count; i++) vectorsByText.TryAdd(facts[i], vectors[i]);
        // Texts the decision step wrote itself (a merged UPDATE) are embedded here, so every text written has its vector.
        var unseen = plan.Changes.Where(c => c.Kind != ChangeKind.Delete && !vectorsByText.ContainsKey(c.Text)).Select(c => c.Text).Distinct().ToList();
        var merged = await embedder.EmbedManyAsync(unseen, ct);
        for (var i = 0; i < unseen.Count; i++) vectorsByText[unseen[i]] = merged[i];
        if (unseen.Count > 0) timings.Lap("embed");
        return new AddPlan(plan.Changes, views, vectorsByText, Info(extraction.Usage.Plus(plan.Usage)));
    }

    /// <summary>
    /// The one-call pipeline: the input's own embedding finds the stored memories closest to it, one model call picks
    /// out the facts and decides them against those, and the texts it writes are embedded (a text the model kept
    /// word for word comes from the cache when the embedder puts no prefix before queries, as OpenAI's and Ollama's do
    /// not). One model call and usually two embedding calls, where
    /// the two-call pipeline makes two sequential model calls once similar memories exist.
    /// </summary>
    private async Task<AddPlan> PlanInOneCallAsync(OneCallDecider decide, AddMemory cmd, StageTimings timings, CancellationToken ct)
    {
        var input = LlmFactExtractor.ModelInput(cmd.Content, cmd.Messages);
        var query = await embedder.EmbedQueryAsync(input, ct);
        timings.Lap("embed");
        var hits = (await SimilarAsync([input], [query], cmd.UserId, InputSimilarLimit, ct))[0];
        await using var session = store.QuerySession();
        var hitIds = hits.Select(h => h.Id).ToArray();
        var views = (await session.Query<MemoryView>().Where(v => v.UserId == cmd.UserId && v.Id.IsOneOf(hitIds)).ToListAsync(ct)).ToDictionary(v => v.Id);
        var related = hits.Where(h => views.ContainsKey(h.Id)).Select(h => views[h.Id]).Select(v => new StoredMemory(v.Id, v.Text, v.Fingerprint)).ToList();
        timings.Lap("similar");

        var plan = await decide.DecideAsync(input, related, cmd.OccurredAt, ct);
        timings.Lap("decide");
        var texts = plan.Changes.Where(c => c.Kind != ChangeKind.Delete).Select(c => c.Text).Distinct().ToList();
        var vectors = await embedder.EmbedManyAsync(texts, ct);
        if (texts.Count > 0) timings.Lap("embed");
        var vectorsByText = texts.Select((t, i) => (t, v: vectors[i])).ToDictionary(x => x.t, x => x.v);
        return new AddPlan(plan.Changes, views, vectorsByText,
            new ExtractionInfo(settings.LlmModel, OneCallDecider.PromptVersion, plan.Usage.Input, plan.Usage.Output));
    }

    /// <summary>
    /// Each fact's <paramref name="limit"/> most similar stored memories of the user, from the vector index while it
    /// answers; the facts' lookups run together (a remote index answers them in one round trip's time, not one per fact).
    /// </summary>
    private async Task<IReadOnlyList<VectorHit>[]> SimilarAsync(IReadOnlyList<string> facts, IReadOnlyList<float[]> vectors, string userId, int limit,
        CancellationToken ct)
    {
        var filter = new VectorFilter(userId);
        string? away = null;
        async Task<IReadOnlyList<VectorHit>?> FromIndexAsync(float[] vector)
        {
            try
            {
                return await index.SearchAsync(vector, filter, limit, null, ct);
            }
            catch (VectorStoreUnavailableException ex)
            {
                away = ex.Message;
                return null;
            }
        }
        var found = await Task.WhenAll(vectors.Select(FromIndexAsync));
        // One warning per add, not one per fact: the facts the index did not answer go to the fallback.
        if (away is not null) log.LogWarning("Add for {UserId}: {Reason}; similar memories found by their words instead", userId, away);
        var hits = new IReadOnlyList<VectorHit>[facts.Count];
        for (var i = 0; i < facts.Count; i++) hits[i] = found[i] ?? await SimilarByWordsAsync(facts[i], filter, ct);
        return hits;
    }

    /// <summary>
    /// While the vector store is away an add still goes through (its events are stored and indexed when the store is
    /// back): its candidates are the memories sharing the fact's rarer words (BM25), their similarity unknown (0), so
    /// the decision step sees them but no similarity threshold fires on them.
    /// </summary>
    private async Task<IReadOnlyList<VectorHit>> SimilarByWordsAsync(string fact, VectorFilter filter, CancellationToken ct)
    {
        var ranked = await terms.RankAsync(await terms.StatisticsAsync(fact, filter, ct), filter, TermPool, ct);
        return ranked.Take(SimilarLimit).Select(r => new VectorHit(r.Id, 0f, 0f)).ToList();
    }
}
