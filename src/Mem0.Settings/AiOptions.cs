namespace Mem0.Settings;

/// <summary>The AI providers: who extracts and decides (LLM), who embeds, their keys and addresses, timeouts and retries.</summary>
public sealed record AiOptions : ModuleOptions
{
    /// <summary>Snowflake's arctic-embed-xs, 384-d, trained with a query instruction: the local default since it finds more.</summary>
    public const string ArcticModelName = "snowflake-arctic-embed-xs";

    /// <summary>The first local embedder, 384-d too, still selectable (`MEM0_EMBED_MODEL=all-MiniLM-L6-v2`).</summary>
    public const string MiniLmModelName = "all-MiniLM-L6-v2";

    /// <summary>
    /// The local profile's embedder. arctic-embed-xs finds the right memory more often than MiniLM for a little more
    /// time per query embedding (bench/results.md: "The local embedder and its dedup threshold").
    /// </summary>
    public const string LocalModelName = ArcticModelName;
    public const int LocalModelDims = 384;

    public LlmProvider LlmProvider { get; init; } = LlmProvider.Anthropic;
    public string LlmModel { get; init; } = "claude-haiku-4-5-20251001";
    public string? AnthropicApiKey { get; init; }
    public EmbedProvider EmbedProvider { get; init; } = EmbedProvider.OpenAi;
    public string EmbedModel { get; init; } = "text-embedding-3-small";
    public int EmbedDims { get; init; } = 1536;
    public string? OpenAiApiKey { get; init; }
    public string? AnthropicBaseUrl { get; init; }
    public string? OpenAiBaseUrl { get; init; }
    public string OllamaBaseUrl { get; init; } = "http://localhost:11434";
    public TimeSpan ProviderTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int ProviderRetries { get; init; } = 3;
    public TimeSpan ProviderRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public double LocalDedupThreshold { get; init; } = 0.95;

    /// <summary>How an add asks a model (MEM0_PIPELINE); the local extractor has no model and ignores it.</summary>
    public AddPipeline Pipeline { get; init; } = AddPipeline.TwoCall;

    /// <summary>What the local extractor stores from one input: each sentence, or each turn (paragraph) whole.</summary>
    public LocalFactsMode LocalFacts { get; init; } = LocalFactsMode.Sentences;

    /// <summary>The provider's name as the variable spells it (`anthropic`, `local`), for logs and metrics.</summary>
    public string LlmProviderName => SettingsReader.NameOf(LlmProvider);

    public string EmbedProviderName => SettingsReader.NameOf(EmbedProvider);

    /// <summary>
    /// Where the local decision step calls two texts the same, per model: arctic-embed's cosines run higher than
    /// MiniLM's, and at MiniLM's threshold it merged distinct facts (bench/results.md).
    /// </summary>
    public static double DefaultDedupThreshold(string embedModel) => embedModel == ArcticModelName ? 0.98 : 0.95;

    /// <summary>The guide's default is Claude Haiku; the other providers get a small, cheap model of their own.</summary>
    public static string DefaultLlmModel(LlmProvider provider) => provider switch
    {
        LlmProvider.Local => "local-sentences",
        LlmProvider.OpenAi => "gpt-4.1-mini",
        LlmProvider.Ollama => "llama3.2",
        _ => "claude-haiku-4-5-20251001",
    };

    public static (string Model, int Dims) DefaultEmbedModel(EmbedProvider provider) => provider switch
    {
        EmbedProvider.Local => (LocalModelName, LocalModelDims),
        EmbedProvider.Ollama => ("nomic-embed-text", 768),
        _ => ("text-embedding-3-small", 1536),
    };

    /// <summary>MEM0_PIPELINE's spelling of a pipeline: `two-call`, `one-call`.</summary>
    private static string NameOf(AddPipeline pipeline) => pipeline == AddPipeline.OneCall ? "one-call" : "two-call";

    public static AiOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new AiOptions();
        var local = r.LocalProfile;
        // An unknown provider stands in as local, which needs no key: its one problem is reported, not the key's too.
        var llm = r.Enum("MEM0_LLM_PROVIDER", local ? LlmProvider.Local : LlmProvider.Anthropic, whenUnknown: LlmProvider.Local);
        var embed = r.Enum("MEM0_EMBED_PROVIDER", local ? EmbedProvider.Local : EmbedProvider.OpenAi, whenUnknown: EmbedProvider.Local);
        var embedModel = r.Str("MEM0_EMBED_MODEL") ?? DefaultEmbedModel(embed).Model;
        return new AiOptions
        {
            LlmProvider = llm,
            LlmModel = r.Str("MEM0_LLM_MODEL") ?? DefaultLlmModel(llm),
            AnthropicApiKey = r.Str("ANTHROPIC_API_KEY"),
            EmbedProvider = embed,
            EmbedModel = embedModel,
            EmbedDims = r.Int("MEM0_EMBED_DIMS", DefaultEmbedModel(embed).Dims),
            OpenAiApiKey = r.Str("OPENAI_API_KEY"),
            AnthropicBaseUrl = r.Str("ANTHROPIC_BASE_URL"),
            OpenAiBaseUrl = r.Str("OPENAI_BASE_URL"),
            OllamaBaseUrl = r.Str("OLLAMA_BASE_URL") ?? defaults.OllamaBaseUrl,
            ProviderTimeout = TimeSpan.FromSeconds(r.Double("MEM0_PROVIDER_TIMEOUT_SECONDS", defaults.ProviderTimeout.TotalSeconds)),
            ProviderRetries = r.Int("MEM0_PROVIDER_RETRIES", defaults.ProviderRetries),
            ProviderRetryDelay = TimeSpan.FromMilliseconds(r.Double("MEM0_PROVIDER_RETRY_DELAY_MS", defaults.ProviderRetryDelay.TotalMilliseconds)),
            LocalDedupThreshold = r.Double("MEM0_LOCAL_DEDUP_THRESHOLD", DefaultDedupThreshold(embedModel)),
            LocalFacts = r.Enum("MEM0_LOCAL_FACTS", defaults.LocalFacts, whenUnknown: defaults.LocalFacts),
            Pipeline = r.Enum("MEM0_PIPELINE", defaults.Pipeline, whenUnknown: defaults.Pipeline, NameOf),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
