using Marten;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Extractor.Ai;
using Mem0.Extractor.Facts;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Sources;
using Mem0.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Extractor.Memories.ReExtract;

/// <summary>
/// `mem0 admin re-extract`: the stored inputs (sources) run again through the fact extraction of the current prompts,
/// with the server's model or another (<c>model</c>), into a new set of memories per input kept in memory; the
/// difference against the memories each input has today (those it added or last rewrote that still live) is the
/// report: facts added, memories whose text would change, memories gone. Nothing is written unless asked
/// (<c>apply</c>); then each difference becomes events on the memories' streams (history keeps the old texts, and an
/// input's undo takes them back), in one transaction per input. Facts are compared by fingerprint.
/// </summary>
public sealed class ReExtraction(IDocumentStore store, IServiceProvider services, AiOptions settings, IEmbedder embedder, TimeProvider clock)
{
    private const int Page = 200;
    private static readonly Provenance ReExtracted = new(null, "re-extract");

    // One at a time: two runs applying at once would each write the other's difference.
    private readonly SemaphoreSlim _running = new(1, 1);

    public async Task<ReExtractionReport> RunAsync(DateTimeOffset? since, string? model, bool apply, Func<int, Task> progress, CancellationToken ct)
    {
        var (extractor, modelName) = ExtractorFor(model);
        if (!await _running.WaitAsync(0, ct)) throw new ReExtractionRunningException();
        try
        {
            return await RunAsync(extractor, modelName, since, apply, progress, ct);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<ReExtractionReport> RunAsync(IFactExtractor extractor, string modelName, DateTimeOffset? since, bool apply, Func<int, Task> progress,
        CancellationToken ct)
    {
        var differences = new List<SourceDifference>();
        var seen = 0;
        var from = since ?? DateTimeOffset.MinValue;
        while (true)
        {
            List<SourceView> page;
            ILookup<Guid, MemoryView> today;
            await using (var query = store.QuerySession())
            {
                // Applying changes memories, never sources, so the pages stay where they were.
                page = (await query.Query<SourceView>().Where(s => s.CreatedAt >= from)
                    .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Skip(seen).Take(Page).ToListAsync(ct)).ToList();
                var ids = page.Select(s => (Guid?)s.Id).ToArray();
                today = page.Count == 0 ? Enumerable.Empty<MemoryView>().ToLookup(v => v.SourceId!.Value)
                    : (await query.Query<MemoryView>().Where(v => v.SourceId.IsOneOf(ids)).ToListAsync(ct)).ToLookup(v => v.SourceId!.Value);
            }
            if (page.Count == 0) break;
            foreach (var source in page)
            {
                var facts = (await extractor.ExtractAsync(source.Content, source.Messages, source.OccurredAt, ct)).Facts;
                var difference = Difference(source.Id, today[source.Id].ToList(), facts);
                if (!difference.IsEmpty)
                {
                    differences.Add(difference);
                    if (apply) await ApplyAsync(source, difference, modelName, extractor.PromptVersion, ct);
                }
                seen++;
            }
            await progress(seen);
        }
        return new ReExtractionReport(modelName, extractor.PromptVersion, seen, differences, apply);
    }

    private (IFactExtractor Extractor, string Model) ExtractorFor(string? model)
    {
        if (settings.LlmProvider == LlmProvider.Local)
        {
            // The local extractor has no models; its two ways of cutting text stand in for one.
            var mode = model is null ? settings.LocalFacts
                : LocalMode(model) ?? throw new ArgumentException($"The local extractor has no model \"{model}\"; give local-sentences or local-turns.");
            return (new LocalFactExtractor(settings with { LocalFacts = mode }), $"local-{mode.ToString().ToLowerInvariant()}");
        }
        var chosen = settings with { LlmModel = model ?? settings.LlmModel };
        var chat = ProviderClients.ChatClientFor(services, chosen);
        return (new LlmFactExtractor(new JsonAsk(chat, chosen), new PromptLibrary(clock)), chosen.LlmModel);
    }

    /// <summary>`local-sentences` or `local-turns`, by name only (a number would parse as an enum value).</summary>
    private static LocalFactsMode? LocalMode(string model) => Enum.GetValues<LocalFactsMode>()
        .Where(m => string.Equals($"local-{m}", model, StringComparison.OrdinalIgnoreCase)).Select(m => (LocalFactsMode?)m).FirstOrDefault();

    /// <summary>
    /// An input's memories today (those whose text it gave, still live) against the facts extracted again. A gone
    /// memory and an added fact that share at least half their words (Jaccard) are one change, best pairs first.
    /// </summary>
    private static SourceDifference Difference(Guid sourceId, List<MemoryView> today, IReadOnlyList<string> facts)
    {
        var todayKeys = today.Select(v => v.Fingerprint).ToHashSet();
        var factKeys = facts.Select(Fingerprint.Of).ToHashSet();
        var added = facts.Where(f => !todayKeys.Contains(Fingerprint.Of(f))).ToList();
        var gone = today.Where(v => !factKeys.Contains(v.Fingerprint)).OrderBy(v => v.Id).ToList();
        var pairs = gone.SelectMany(v => added.Select(f => (View: v, Fact: f, Overlap: Overlap(v.Text, f))))
            .Where(p => p.Overlap >= 0.5).OrderByDescending(p => p.Overlap).ToList();
        var changed = new List<(Guid, string, string)>();
        foreach (var (view, fact, _) in pairs)
        {
            if (!gone.Contains(view) || !added.Contains(fact)) continue;
            changed.Add((view.Id, view.Text, fact));
            gone.Remove(view);
            added.Remove(fact);
        }
        return new SourceDifference(sourceId, added, changed, gone.Select(v => (v.Id, v.Text)).ToList());
    }

    private static double Overlap(string a, string b)
    {
        static HashSet<string> Words(string s) => Fingerprint.Normalise(s).Split(' ').Select(w => w.Trim('.', ',', ';', ':', '!', '?', '"', '\'')).Where(w => w.Length > 0).ToHashSet();
        var (x, y) = (Words(a), Words(b));
        var union = x.Union(y).Count();
        return union == 0 ? 0 : (double)x.Intersect(y).Count() / union;
    }

    private async Task ApplyAsync(SourceView source, SourceDifference difference, string model, string promptVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var info = new ExtractionInfo(model, promptVersion, null, null);
        await using var session = store.LightweightSession();
        session.CausationId = $"re-extract:{source.Id}";
        var views = (await session.LoadManyAsync<MemoryView>(ct, difference.Changed.Select(c => c.Id).Concat(difference.Gone.Select(g => g.Id))))
            .ToDictionary(v => v.Id);
        var texts = difference.Added.Concat(difference.Changed.Select(c => c.To)).Distinct().ToList();
        var vectors = await embedder.EmbedManyAsync(texts, ct);
        var writes = new List<StreamWrite>();
        foreach (var text in difference.Added)
        {
            var id = Guid.CreateVersion7(now);
            writes.Add(new StreamWrite(id, 0, new MemoryAdded(id, text, Fingerprint.Of(text), null, source.UserId, source.AgentId, source.RunId, source.Metadata,
                ReExtracted.Surface, now, info, source.Id, source.OccurredAt)));
        }
        writes.AddRange(difference.Changed.Select(c =>
            MemoryDecider.Updated(views[c.Id], c.To, views[c.Id].ContentFingerprint, ReExtracted, now, info, source.Id, source.OccurredAt)));
        writes.AddRange(difference.Gone.Select(g => MemoryDecider.Deleted(views[g.Id], ReExtracted, now, info, source.Id)));
        var decision = new Decision(true, writes, [], texts.Zip(vectors).ToDictionary(p => p.First, p => p.Second));
        await session.CommitAsync(decision, ct, embedder.Model);
    }
}
