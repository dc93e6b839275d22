using System.Numerics.Tensors;
using Marten;
using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Decisions;
using Mem0.Extractor.Facts;
using Mem0.Projections.Configuration;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Mem0.Projections.Vectors;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// mem0's add pipeline: fingerprint check → facts → embeddings → similar memories → a decision per fact → the
/// events, committed in one transaction. The content fingerprint is unique in the store, so of several
/// concurrent retries of one add exactly one commits and the others answer "deduplicated".
/// </summary>
public sealed class AddMemoryConsumer(
    IDocumentStore store,
    IFactExtractor extractor,
    IEmbedder embedder,
    IVectorIndex index,
    Mem0Settings settings,
    TimeProvider clock) : IConsumer<AddMemory>
{
    private const int SimilarLimit = 5;

    public async Task Consume(ConsumeContext<AddMemory> context)
    {
        var cmd = context.Message;
        var ct = context.CancellationToken;

        // With dedup on, the sender checked the fingerprint just before sending and the unique index settles any
        // race at commit, so only a forced add needs to look: it must not claim a key another memory holds.
        var claimKey = cmd.Dedup || await FindByContentAsync(cmd.Fingerprint, ct) is null;

        var facts = await extractor.ExtractAsync(cmd.Content, cmd.Messages, ct);
        var vectors = await embedder.EmbedManyAsync(facts, ct);
        var decisions = await DecideAsync(cmd.UserId, facts, vectors, ct);

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (changes, sequence) = await CommitAsync(cmd, decisions, claimKey, ct);
                await context.RespondAsync(new AddMemoryResult(changes, false, null, sequence));
                return;
            }
            catch (Exception ex) when (StoreErrors.IsUniqueViolation(ex) && attempt == 0)
            {
                if (cmd.Dedup && await FindByContentAsync(cmd.Fingerprint, ct) is { } winner)
                {
                    await context.RespondAsync(Deduplicated(winner));
                    return;
                }
                claimKey = false;
            }
        }
    }

    private static AddMemoryResult Deduplicated(Guid id) => new([], true, id, 0);

    private async Task<Guid?> FindByContentAsync(string fingerprint, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var ids = await session.Query<MemoryView>().Where(v => v.ContentFingerprint == fingerprint).Select(v => v.Id).Take(1).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }

    private async Task<List<(FactDecision Decision, string Fingerprint, float[] Vector)>> DecideAsync(
        string userId, IReadOnlyList<string> facts, IReadOnlyList<float[]> vectors, CancellationToken ct)
    {
        var fingerprints = facts.Select(Fingerprint.Of).ToArray();
        await using var session = store.QuerySession();
        var sameText = await session.Query<MemoryView>()
            .Where(v => v.UserId == userId && v.Fingerprint.IsOneOf(fingerprints))
            .Select(v => new { v.Id, v.Fingerprint })
            .ToListAsync(ct);

        var decided = new List<(FactDecision Decision, string Fingerprint, float[] Vector)>();
        for (var i = 0; i < facts.Count; i++)
        {
            var similar = sameText.Where(s => s.Fingerprint == fingerprints[i]).Select(s => new SimilarMemory(s.Id, s.Fingerprint, 1f))
                .Concat(index.Search(vectors[i], new VectorFilter(userId), SimilarLimit).Select(h => new SimilarMemory(h.Id, "", h.Score)))
                // Facts added earlier in this same request count as stored, so one add never stores a fact twice.
                .Concat(decided.Where(d => d.Decision.Event == MemoryEventKind.Add)
                    .Select(d => new SimilarMemory(Guid.Empty, d.Fingerprint, TensorPrimitives.CosineSimilarity(d.Vector, vectors[i]))))
                .ToList();
            decided.Add((LocalDecider.Decide(facts[i], fingerprints[i], similar, settings.LocalDedupThreshold), fingerprints[i], vectors[i]));
        }
        return decided;
    }

    private async Task<(List<MemoryChange> Changes, long Sequence)> CommitAsync(
        AddMemory cmd, List<(FactDecision Decision, string Fingerprint, float[] Vector)> decisions, bool claimKey, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var changes = new List<MemoryChange>();
        var toAdd = decisions.Where(d => d.Decision.Event == MemoryEventKind.Add).ToList();
        // v7 ids made in the same millisecond differ only in random bits; sorting them keeps fact order in listings.
        var ids = new Queue<Guid>(Enumerable.Range(0, toAdd.Count).Select(_ => Guid.CreateVersion7(now)).Order());
        foreach (var (decision, fingerprint, vector) in toAdd)
        {
            var id = ids.Dequeue();
            var contentKey = claimKey && changes.Count == 0 ? cmd.Fingerprint : null;
            session.Events.StartStream(id, new MemoryAdded(
                id, decision.Fact, fingerprint, contentKey, cmd.UserId, cmd.By.AgentId, cmd.RunId, cmd.Metadata, cmd.By.Surface, now));
            session.Store(new CachedEmbedding { Id = CachedEmbedding.KeyFor(embedder.Model, decision.Fact), Vector = vector });
            changes.Add(new MemoryChange(id, decision.Fact, MemoryEventKind.Add));
        }
        var sequence = changes.Count == 0 ? 0 : await session.SaveAndGetSequenceAsync(ct);
        return (changes, sequence);
    }
}
