using Mem0.Api.Configuration;
using Mem0.Extractor.Embeddings;
using Mem0.Projections.Configuration;
using Microsoft.Extensions.Configuration;

namespace Mem0.Tests.Unit.Configuration;

/// <summary>Which local embedder runs, its dimension check, its dedup threshold, and its query instruction.</summary>
public sealed class Local_embedder_specs
{
    private static Mem0Settings Load(params (string Key, string Value)[] values) =>
        Mem0Settings.Load(new ConfigurationBuilder().AddInMemoryCollection(
            new (string, string)[] { ("MEM0_PROFILE", "local"), ("MEM0_DATABASE_URL", "postgres://a:b@h/db"), ("MEM0_API_KEY", "k"), ("MEM0_DEFAULT_USER_ID", "u") }
                .Concat(values).Select(v => KeyValuePair.Create(v.Item1, (string?)v.Item2))).Build());

    [Fact]
    public void Arctic_embed_xs_is_a_local_model_with_its_own_dedup_threshold()
    {
        var arctic = Load(("MEM0_EMBED_MODEL", "snowflake-arctic-embed-xs"));
        Assert.Empty(SettingsValidator.Check(arctic));
        Assert.Equal((384, 0.98), (arctic.EmbedDims, arctic.LocalDedupThreshold));
        var miniLm = Load();
        Assert.Equal(("all-MiniLM-L6-v2", 0.95), (miniLm.EmbedModel, miniLm.LocalDedupThreshold));
        Assert.Equal(0.9, Load(("MEM0_EMBED_MODEL", "snowflake-arctic-embed-xs"), ("MEM0_LOCAL_DEDUP_THRESHOLD", "0.9")).LocalDedupThreshold);
    }

    [Fact]
    public void An_unknown_local_model_or_a_wrong_dimension_stops_start_up()
    {
        Assert.Contains(SettingsValidator.Check(Load(("MEM0_EMBED_MODEL", "bge-small"))),
            p => p == "MEM0_EMBED_MODEL=bge-small is not a local model (MEM0_EMBED_PROVIDER=local has all-MiniLM-L6-v2 and snowflake-arctic-embed-xs).");
        Assert.Contains(SettingsValidator.Check(Load(("MEM0_EMBED_MODEL", "snowflake-arctic-embed-xs"), ("MEM0_EMBED_DIMS", "768"))),
            p => p.StartsWith("MEM0_EMBED_DIMS=768 does not match the local embedder"));
    }

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
