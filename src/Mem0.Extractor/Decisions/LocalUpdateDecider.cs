using System.Numerics.Tensors;
using Mem0.Contracts.Model;
using Mem0.Extractor.Ai;
using Mem0.Settings;

namespace Mem0.Extractor.Decisions;

/// <summary>The local profile's decision step: ADD or NONE per fact (see <see cref="LocalDecider"/>), no model call.</summary>
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
            if (LocalDecider.Decide(fact.Text, fact.Fingerprint, similar, settings.LocalDedupThreshold).Event == MemoryEventKind.Add)
            {
                added.Add(fact);
            }
        }
        return Task.FromResult(new UpdatePlan(added.Select(f => new PlannedChange(MemoryEventKind.Add, f.Text)).ToList(), TokenUsage.None));
    }
}
