using Mem0.Extractor.Embeddings;

namespace Mem0.Tests.Unit.Embeddings;

public sealed class Query_cache_specs
{
    /// <summary>An embedding provider that counts its calls: the outside model, not a part of ours.</summary>
    private sealed class CountingProvider : IEmbeddingProvider
    {
        public int Calls;
        public string Model => "counting";
        public int Dimensions => 4;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(texts.Select(t => new[] { t.Length, 1f, 0f, 0f }).ToArray());
        }
    }

    [Fact]
    public async Task The_query_cache_is_bounded_by_bytes_and_evicts_the_oldest()
    {
        var provider = new CountingProvider();
        var cache = new CachingEmbedder(provider, () => throw new InvalidOperationException("queries never read the store"), "counting",
            capacityBytes: 100_000);

        for (var i = 0; i < 40; i++) await cache.EmbedQueryAsync(i + new string('q', 5_000), CancellationToken.None);

        Assert.InRange(cache.CachedBytes, 1, 100_000);
        var calls = provider.Calls;
        await cache.EmbedQueryAsync(39 + new string('q', 5_000), CancellationToken.None);
        Assert.Equal(calls, provider.Calls);
        await cache.EmbedQueryAsync(0 + new string('q', 5_000), CancellationToken.None);
        Assert.Equal(calls + 1, provider.Calls);
    }

    [Fact]
    public async Task A_text_larger_than_the_whole_cache_is_not_kept()
    {
        var provider = new CountingProvider();
        var cache = new CachingEmbedder(provider, () => throw new InvalidOperationException(), "counting", capacityBytes: 10_000);

        await cache.EmbedQueryAsync(new string('q', 20_000), CancellationToken.None);

        Assert.Equal(0, cache.CachedBytes);
    }
}
