using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Mem0.Settings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OllamaSharp;
using OpenAI;
using Polly;

namespace Mem0.Extractor.Ai;

/// <summary>
/// The chat model and the embedding model, each behind its Microsoft.Extensions.AI abstraction and built from the
/// provider's own client library. The SDKs' own retries are off: one resilience pipeline per provider HttpClient
/// retries timeouts, 429 (honouring Retry-After) and 5xx with exponential backoff, so nothing retries twice.
/// </summary>
public static class ProviderClients
{
    private const string LlmClient = "mem0-llm";
    private const string EmbedClient = "mem0-embed";
    private const int MaxOutputTokens = 2048;

    public static IServiceCollection AddMem0AiProviders(this IServiceCollection services, AiOptions settings)
    {
        if (settings.LlmProvider != LlmProvider.Local)
        {
            AddResilientHttpClient(services, LlmClient, settings);
            services.AddSingleton(sp => CreateChatClient(Http(sp, LlmClient), settings));
        }
        if (settings.EmbedProvider != EmbedProvider.Local)
        {
            AddResilientHttpClient(services, EmbedClient, settings);
            services.AddSingleton(sp => CreateEmbeddingGenerator(Http(sp, EmbedClient), settings));
        }
        return services;
    }

    /// <summary>A chat client for these settings (another model than the server's, for a re-extraction), on the server's resilient HTTP client.</summary>
    public static IChatClient ChatClientFor(IServiceProvider sp, AiOptions settings) => CreateChatClient(Http(sp, LlmClient), settings);

    private static HttpClient Http(IServiceProvider sp, string name) => sp.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private static IChatClient CreateChatClient(HttpClient http, AiOptions s) => s.LlmProvider switch
    {
        LlmProvider.Anthropic => new AnthropicClient(new ClientOptions
        {
            ApiKey = s.AnthropicApiKey!,
            BaseUrl = s.AnthropicBaseUrl ?? "https://api.anthropic.com",
            HttpClient = http,
            MaxRetries = 0,
        }).AsIChatClient(s.LlmModel, MaxOutputTokens),
        LlmProvider.OpenAi => OpenAi(http, s).GetChatClient(s.LlmModel).AsIChatClient(),
        LlmProvider.Ollama => new OllamaApiClient(WithBase(http, s.OllamaBaseUrl), s.LlmModel),
        _ => throw new InvalidOperationException($"No chat client for MEM0_LLM_PROVIDER={s.LlmProviderName}."),
    };

    private static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(HttpClient http, AiOptions s) => s.EmbedProvider switch
    {
        EmbedProvider.OpenAi => OpenAi(http, s).GetEmbeddingClient(s.EmbedModel).AsIEmbeddingGenerator(),
        EmbedProvider.Ollama => new OllamaApiClient(WithBase(http, s.OllamaBaseUrl), s.EmbedModel),
        _ => throw new InvalidOperationException($"No embedding generator for MEM0_EMBED_PROVIDER={s.EmbedProviderName}."),
    };

    private static OpenAIClient OpenAi(HttpClient http, AiOptions s) =>
        new(new ApiKeyCredential(s.OpenAiApiKey ?? "unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri(s.OpenAiBaseUrl ?? "https://api.openai.com/v1"),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = http.Timeout,
        });

    private static HttpClient WithBase(HttpClient http, string baseUrl)
    {
        http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        return http;
    }

    private static void AddResilientHttpClient(IServiceCollection services, string name, AiOptions s)
    {
        var retries = s.ProviderRetries;
        var attempts = retries + 1;
        // The whole call, retries and waits included, must finish inside the bus timeout the API waits for.
        var total = s.ProviderTimeout * attempts + TimeSpan.FromSeconds(5) + s.ProviderRetryDelay * Math.Pow(2, attempts);
        services.AddHttpClient(name, c => c.Timeout = total + TimeSpan.FromSeconds(5))
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = s.ProviderTimeout;
                o.TotalRequestTimeout.Timeout = total;
                o.CircuitBreaker.SamplingDuration = s.ProviderTimeout * 2;
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                o.Retry.Delay = s.ProviderRetryDelay;
                o.Retry.MaxRetryAttempts = Math.Max(retries, 1);
                if (retries == 0) o.Retry.ShouldHandle = _ => PredicateResult.False();
            });
    }
}
