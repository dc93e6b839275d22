using System.Numerics.Tensors;
using Mem0.Contracts.Commands;
using Mem0.Projections.Memories;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// What the items a batch commits together touch so far: their inputs, the texts they write (by fingerprint), the
/// memories they change, and the vectors of what they write. A later item that touches any of it (the same input, the
/// same text, a text at or above <paramref name="relatedCosine"/> to one of theirs, the same memory), or that asks for
/// no dedup, has to run alone after the batch's commit, so that it is decided on what the batch stored.
/// </summary>
public sealed class BatchFootprint(float relatedCosine)
{
    private readonly HashSet<string> _inputs = [];
    private readonly HashSet<string> _texts = [];
    private readonly HashSet<Guid> _targets = [];
    private readonly List<float[]> _vectors = [];

    /// <summary>Takes the item into the footprint unless it touches it; false when the item has to run alone.</summary>
    public bool TryTake(AddMemory cmd, IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors, IReadOnlyList<Guid> targets)
    {
        var fingerprints = texts.Select(Fingerprint.Of).ToList();
        var touches = !cmd.Dedup || _inputs.Contains(cmd.Fingerprint) || fingerprints.Any(_texts.Contains) || targets.Any(_targets.Contains)
            || vectors.Any(v => _vectors.Any(w => TensorPrimitives.CosineSimilarity(v, w) >= relatedCosine));
        if (touches) return false;
        _inputs.Add(cmd.Fingerprint);
        _texts.UnionWith(fingerprints);
        _targets.UnionWith(targets);
        _vectors.AddRange(vectors);
        return true;
    }
}
