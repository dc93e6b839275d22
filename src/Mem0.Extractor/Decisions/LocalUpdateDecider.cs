using System.Numerics.Tensors;
using Mem0.Extractor.Ai;
using Mem0.Settings;

namespace Mem0.Extractor.Decisions;

/// <summary>
/// The local profile's decision step, no model call: a fact is stored as new unless a stored memory is
/// near-identical (<see cref="Twin"/>), so the answer per fact is ADD or nothing.
/// </summary>
public sealed class LocalUpdateDecider(AiOptions settings) : IUpdateDecider
{
    public string PromptVersion => "local-v1";

    public Task<UpdatePlan> DecideAsync(IReadOnlyList<NewFact> facts, IReadOnlyList<StoredMemory> related, CancellationToken ct)
    {
        var added = new List<NewFact>();
        foreach (var fact in facts)
        {
            // Facts added earlier in this same request count as stored, so one add never stores a fact twice.
            var similar = fact.Similar
                .Concat(added.Select(a => new SimilarMemory(Guid.Empty, a.Fingerprint, TensorPrimitives.CosineSimilarity(a.Vector, fact.Vector))))
                .ToList();
            if (Twin(fact.Fingerprint, similar, settings.LocalDedupThreshold) is null) added.Add(fact);
        }
        return Task.FromResult(new UpdatePlan(added.Select(f => new PlannedChange(ChangeKind.Add, f.Text)).ToList(), TokenUsage.None));
    }

    /// <summary>
    /// The stored memory a fact repeats, or null: the same normalised fingerprint, or cosine similarity at or above
    /// the threshold (MEM0_LOCAL_DEDUP_THRESHOLD: a re-punctuated or re-cased copy of a sentence scores above it, a
    /// paraphrase such as "I like tea" / "I enjoy drinking tea" below, and stays separate).
    /// </summary>
    public static SimilarMemory? Twin(string fingerprint, IReadOnlyList<SimilarMemory> similar, double threshold)
    {
        // Scores are single precision; compare in single precision so a score of exactly 0.95f meets a 0.95 threshold.
        var limit = (float)threshold;
        return similar.FirstOrDefault(s => s.Fingerprint == fingerprint) ?? similar.FirstOrDefault(s => s.Score >= limit);
    }
}
