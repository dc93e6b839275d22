using System.Collections.Concurrent;
using Mem0.Projections.Embeddings;

namespace Mem0.Extractor.Embeddings;

/// <summary>
/// Puts a bounded in-memory cache in front of the provider. The writer embeds a fact, then the index projector
/// asks for the same text right after the commit; that second ask must not pay the model again.
/// </summary>
public sealed class CachingEmbedder(IEmbeddingProvider provider) : IEmbedder
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public string Model => provider.Model;
    public int Dimensions => provider.Dimensions;

    public async Task<float[]> EmbedAsync(string text, CancellationToken ct) => (await EmbedManyAsync([text], ct))[0];

    public async Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_cache.TryGetValue(texts[i], out var hit)) result[i] = hit;
            else missing.Add(i);
        }
        if (missing.Count == 0) return result;

        var vectors = await provider.EmbedAsync(missing.Select(i => texts[i]).ToList(), ct);
        for (var j = 0; j < missing.Count; j++)
        {
            result[missing[j]] = vectors[j];
            Remember(texts[missing[j]], vectors[j]);
        }
        return result;
    }

    /// <summary>Oldest-first eviction keeps memory bounded without a lock on the read path.</summary>
    private void Remember(string text, float[] vector)
    {
        if (!_cache.TryAdd(text, vector)) return;
        _order.Enqueue(text);
        while (_cache.Count > Capacity && _order.TryDequeue(out var oldest)) _cache.TryRemove(oldest, out _);
    }
}
