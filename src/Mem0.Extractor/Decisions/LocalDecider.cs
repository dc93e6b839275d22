using Mem0.Contracts.Model;

namespace Mem0.Extractor.Decisions;

/// <summary>
/// The local profile's update decision, a pure function. A fact is stored as new unless a stored memory is
/// near-identical: the same normalised fingerprint, or cosine similarity at or above the threshold
/// (MEM0_LOCAL_DEDUP_THRESHOLD, 0.95 by default: MiniLM scores a re-punctuated or re-cased copy of a sentence
/// above 0.95 and a paraphrase such as "I like tea" / "I enjoy drinking tea" near 0.87, which stays separate).
/// </summary>
public static class LocalDecider
{
    public static FactDecision Decide(string fact, string fingerprint, IReadOnlyList<SimilarMemory> similar, double threshold)
    {
        // Scores are single precision; compare in single precision so a score of exactly 0.95f meets a 0.95 threshold.
        var limit = (float)threshold;
        var twin = similar.FirstOrDefault(s => s.Fingerprint == fingerprint) ?? similar.FirstOrDefault(s => s.Score >= limit);
        return twin is null
            ? new FactDecision(fact, MemoryEventKind.Add)
            : new FactDecision(fact, MemoryEventKind.None, twin.Id);
    }
}
