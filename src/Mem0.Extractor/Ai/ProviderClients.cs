using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Mem0.Projections.Configuration;
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

    public static IServiceCollection AddMem0AiProviders(this IServiceCollection services, Mem0Settings settings)
    {
        if (settings.LlmProvider != "local")
        {
            AddResilientHttpClient(services, LlmClient, settings);
            services.AddSingleton(sp => CreateChatClient(Http(sp, LlmClient), settings));
        }
        if (settings.EmbedProvider != "local")
        {
            AddResilientHttpClient(services, EmbedClient, settings);
            services.AddSingleton(sp => CreateEmbeddingGenerator(Http(sp, EmbedClient), settings));
        }
        return services;
    }

    private static HttpClient Http(IServiceProvider sp, string name) => sp.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private static IChatClient CreateChatClient(HttpClient http, Mem0Settings s) => s.LlmProvider switch
    {
        "anthropic" => new AnthropicClient(new ClientOptions
        {
            ApiKey = s.AnthropicApiKey!,
            BaseUrl = s.AnthropicBaseUrl ?? "https://api.anthropic.com",
            HttpClient = http,
            MaxRetries = 0,
        }).AsIChatClient(s.LlmModel, MaxOutputTokens),
        "openai" => OpenAi(http, s).GetChatClient(s.LlmModel).AsIChatClient(),
        "ollama" => new OllamaApiClient(WithBase(http, s.OllamaBaseUrl), s.LlmModel),
        _ => throw new InvalidOperationException($"No chat client for MEM0_LLM_PROVIDER={s.LlmProvider}."),
    };

    private static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(HttpClient http, Mem0Settings s) => s.EmbedProvider switch
    {
        "openai" => OpenAi(http, s).GetEmbeddingClient(s.EmbedModel).AsIEmbeddingGenerator(),
        "ollama" => new OllamaApiClient(WithBase(http, s.OllamaBaseUrl), s.EmbedModel),
        _ => throw new InvalidOperationException($"No embedding generator for MEM0_EMBED_PROVIDER={s.EmbedProvider}."),
    };

    private static OpenAIClient OpenAi(HttpClient http, Mem0Settings s) =>
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

    private static void AddResilientHttpClient(IServiceCollection services, string name, Mem0Settings s)
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
