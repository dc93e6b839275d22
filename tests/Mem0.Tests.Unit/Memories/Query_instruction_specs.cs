using Mem0.Extractor.Embeddings;

namespace Mem0.Tests.Unit.Memories;

/// <summary>The local embedders' query instruction (their choice and dimension check are in Settings_specs).</summary>
public sealed class Query_instruction_specs
{
    private sealed class Recording(string prefix) : IEmbeddingProvider
    {
        public List<string> Seen { get; } = [];
        public string Model => "test";
        public int Dimensions => 2;
        public string QueryPrefix => prefix;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
        {
            Seen.AddRange(texts);
            return Task.FromResult(texts.Select(t => new[] { t.Length, 1f }).ToArray());
        }
    }

    [Fact]
    public async Task Queries_get_the_models_instruction_and_are_cached_apart_from_stored_texts()
    {
        var provider = new Recording("Represent this sentence for searching relevant passages: ");
        var embedder = new CachingEmbedder(provider, () => throw new InvalidOperationException("a query never reads the store"), "local");
        var first = await embedder.EmbedQueryAsync("who keeps bees?", default);
        var again = await embedder.EmbedQueryAsync("who keeps bees?", default);
        Assert.Same(first, again);
        Assert.Equal(["Represent this sentence for searching relevant passages: who keeps bees?"], provider.Seen);
        Assert.Equal("", new LocalEmbeddingProvider("all-MiniLM-L6-v2").QueryPrefix);
        Assert.StartsWith("Represent this sentence", new LocalEmbeddingProvider("snowflake-arctic-embed-xs").QueryPrefix);
    }
}
