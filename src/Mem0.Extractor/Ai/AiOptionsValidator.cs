using Mem0.Extractor.Embeddings;
using Mem0.Settings;

namespace Mem0.Extractor.Ai;

/// <summary>The providers' keys and addresses, and the local parts' models, checked where the providers are built.</summary>
public sealed class AiOptionsValidator : ModuleOptionsValidator<AiOptions>
{
    protected override void Check(AiOptions s, List<string> problems)
    {
        switch (s.LlmProvider)
        {
            case LlmProvider.Anthropic:
                Require(problems, s.AnthropicApiKey, "ANTHROPIC_API_KEY", "MEM0_LLM_PROVIDER is anthropic");
                break;
            case LlmProvider.OpenAi:
                Require(problems, s.OpenAiApiKey, "OPENAI_API_KEY", "MEM0_LLM_PROVIDER is openai (any value for a server that needs none)");
                break;
        }

        switch (s.EmbedProvider)
        {
            case EmbedProvider.Local:
                if (!LocalEmbeddingProvider.Models.Contains(s.EmbedModel))
                {
                    problems.Add($"MEM0_EMBED_MODEL={s.EmbedModel} is not a local model (MEM0_EMBED_PROVIDER=local has " +
                                 $"{string.Join(" and ", LocalEmbeddingProvider.Models)}).");
                }
                if (s.EmbedDims != AiOptions.LocalModelDims)
                {
                    problems.Add($"MEM0_EMBED_DIMS={s.EmbedDims} does not match the local embedder, which returns {AiOptions.LocalModelDims}.");
                }
                break;
            case EmbedProvider.OpenAi when s.LlmProvider != LlmProvider.OpenAi:
                Require(problems, s.OpenAiApiKey, "OPENAI_API_KEY", "MEM0_EMBED_PROVIDER is openai");
                break;
        }

        if (s.ProviderTimeout <= TimeSpan.Zero) problems.Add("MEM0_PROVIDER_TIMEOUT_SECONDS must be greater than 0.");
        RequireHttpUrls(problems, ("ANTHROPIC_BASE_URL", s.AnthropicBaseUrl), ("OPENAI_BASE_URL", s.OpenAiBaseUrl), ("OLLAMA_BASE_URL", s.OllamaBaseUrl));
        if (s.LocalDedupThreshold is <= 0 or > 1) problems.Add("MEM0_LOCAL_DEDUP_THRESHOLD must be in (0, 1].");
    }
}
