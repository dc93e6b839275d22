using System.Collections.Concurrent;
using Marten;
using Prometheus;
using Mem0.Projections.Embeddings;

namespace Mem0.Extractor.Embeddings;

/// <summary>
/// The embedding cache: process memory first, then the vectors stored in PostgreSQL under (model, text hash),
/// then the provider. Writers store the vectors of the texts they commit, in the same transaction; so a text
/// stored once is never embedded again, across restarts and rebuilds. A stored vector of the wrong length (an
/// older dimension setting) is ignored and replaced.
/// </summary>
public sealed class CachingEmbedder(IEmbeddingProvider provider, Func<IDocumentStore> store, string providerName,
    long capacityBytes = CachingEmbedder.DefaultCapacityBytes) : IEmbedder
{
    /// <summary>
    /// Process memory for vectors is bounded by bytes, not entries: 20,000 entries were ~30 MB of short queries but
    /// could be gigabytes of long texts. 64 MB holds ~40,000 short texts with 384-d vectors.
    /// </summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;
    private const int BulkSize = 256;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _bytes;

    /// <summary>What the cached texts and vectors take (an estimate: characters, floats and a fixed overhead per entry).</summary>
    public long CachedBytes => Interlocked.Read(ref _bytes);

    public string Model => provider.Model;
    public int Dimensions => provider.Dimensions;

    public async Task<float[]> EmbedAsync(string text, CancellationToken ct) => (await EmbedManyAsync([text], ct))[0];

    public async Task<float[]> EmbedQueryAsync(string text, CancellationToken ct)
    {
        // Cached under what was embedded: with a query prefix that is never a stored text's own vector.
        var input = provider.QueryPrefix + text;
        if (_cache.TryGetValue(input, out var hit)) return hit;
        float[] vector;
        using (ExtractorMetrics.Embedding.WithLabels(providerName).NewTimer()) vector = (await provider.EmbedAsync([input], ct))[0];
        Remember(input, vector);
        return vector;
    }

    public Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken ct) =>
        EmbedAsync(texts, keep: false, ct);

    public Task<IReadOnlyList<float[]>> EmbedStoredTextsAsync(IReadOnlyList<string> texts, CancellationToken ct) =>
        EmbedAsync(texts, keep: true, ct);

    private async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, bool keep, CancellationToken ct)
    {
        // A bulk read (a load or a rebuild) would only flush the recent writes and queries out of process memory.
        var remember = texts.Count <= BulkSize;
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_cache.TryGetValue(texts[i], out var hit)) result[i] = hit;
            else missing.Add(i);
        }
        if (missing.Count == 0) return result;

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in missing) keys.TryAdd(texts[i], CachedEmbedding.KeyFor(Model, texts[i]));
        await using (var session = store().QuerySession())
        {
            var stored = (await session.LoadManyAsync<CachedEmbedding>(ct, keys.Values.ToArray()))
                .Where(c => c.Vector.Length == Dimensions).ToDictionary(c => c.Id, c => c.Vector);
            missing = missing.Where(i =>
            {
                if (!stored.TryGetValue(keys[texts[i]], out var vector)) return true;
                result[i] = vector;
                if (remember) Remember(texts[i], vector);
                return false;
            }).ToList();
        }
        if (missing.Count == 0) return result;

        var distinct = missing.Select(i => texts[i]).Distinct().ToList();
        float[][] vectors;
        using (ExtractorMetrics.Embedding.WithLabels(providerName).NewTimer()) vectors = await provider.EmbedAsync(distinct, ct);
        var byText = distinct.Zip(vectors).ToDictionary(p => p.First, p => p.Second);
        foreach (var i in missing)
        {
            result[i] = byText[texts[i]];
            if (remember) Remember(texts[i], result[i]);
        }
        if (keep)
        {
            await using var session = store().LightweightSession();
            foreach (var (text, vector) in byText) session.Store(new CachedEmbedding { Id = keys[text], Vector = vector });
            await session.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>Oldest-first eviction keeps memory bounded without a lock on the read path.</summary>
    private void Remember(string text, float[] vector)
    {
        var cost = Cost(text, vector);
        if (cost > capacityBytes || !_cache.TryAdd(text, vector)) return;
        _order.Enqueue(text);
        Interlocked.Add(ref _bytes, cost);
        while (Interlocked.Read(ref _bytes) > capacityBytes && _order.TryDequeue(out var oldest))
        {
            if (_cache.TryRemove(oldest, out var gone)) Interlocked.Add(ref _bytes, -Cost(oldest, gone));
        }
    }

    private static long Cost(string text, float[] vector) => 64 + 2L * text.Length + 4L * vector.Length;
}
