using Mem0.Projections.Configuration;

namespace Mem0.Api.Configuration;

/// <summary>
/// Checks the settings before anything starts. Every message names the variable to set, so a failed start says
/// what to do; the production defaults never fall back to local parts on their own.
/// </summary>
public static class SettingsValidator
{
    private static readonly string[] KnownRoles = ["api", "extractor", "scheduler"];

    public static IReadOnlyList<string> Check(Mem0Settings s)
    {
        var problems = new List<string>(s.ParseErrors);
        void Require(string? value, string variable, string why)
        {
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{variable} is required: {why}.");
        }

        Require(s.DatabaseUrl, "MEM0_DATABASE_URL", "the PostgreSQL event store, as postgres://user:pass@host:port/db");
        Require(s.ApiKey, "MEM0_API_KEY", "the bearer token for REST and MCP (generate one with: openssl rand -hex 32)");
        Require(s.DefaultUserId, "MEM0_DEFAULT_USER_ID", "the single user of this store, e.g. default-user");
        if (!s.IsLocalProfile)
        {
            Require(s.PublicBaseUrl, "PUBLIC_BASE_URL", "the public URL of this server, e.g. https://mem0.your-domain.com");
        }

        switch (s.LlmProvider)
        {
            case "local": break;
            case "anthropic":
                Require(s.AnthropicApiKey, "ANTHROPIC_API_KEY", "MEM0_LLM_PROVIDER is anthropic");
                break;
            case "openai":
                Require(s.OpenAiApiKey, "OPENAI_API_KEY", "MEM0_LLM_PROVIDER is openai (any value for a server that needs none)");
                break;
            case "ollama": break;
            default:
                problems.Add($"MEM0_LLM_PROVIDER must be anthropic, openai, ollama or local (got '{s.LlmProvider}').");
                break;
        }

        switch (s.EmbedProvider)
        {
            case "local":
                if (!Extractor.Embeddings.LocalEmbeddingProvider.Models.Contains(s.EmbedModel))
                {
                    problems.Add($"MEM0_EMBED_MODEL={s.EmbedModel} is not a local model (MEM0_EMBED_PROVIDER=local has " +
                                 $"{string.Join(" and ", Extractor.Embeddings.LocalEmbeddingProvider.Models)}).");
                }
                if (s.EmbedDims != Mem0Settings.LocalModelDims)
                {
                    problems.Add($"MEM0_EMBED_DIMS={s.EmbedDims} does not match the local embedder, which returns {Mem0Settings.LocalModelDims}.");
                }
                break;
            case "openai":
                if (s.LlmProvider != "openai") Require(s.OpenAiApiKey, "OPENAI_API_KEY", "MEM0_EMBED_PROVIDER is openai");
                break;
            case "ollama": break;
            default:
                problems.Add($"MEM0_EMBED_PROVIDER must be openai, ollama or local (got '{s.EmbedProvider}').");
                break;
        }

        if (s.LocalFacts is not ("sentences" or "turns"))
        {
            problems.Add($"MEM0_LOCAL_FACTS must be sentences or turns (got '{s.LocalFacts}').");
        }

        switch (s.VectorStore)
        {
            case "embedded":
                // Any roles: each process that reads the index keeps its own copy and follows the event store.
                break;
            case "qdrant":
                Require(s.QdrantHost, "QDRANT_HOST", "MEM0_VECTOR_STORE is qdrant");
                Require(s.QdrantApiKey, "QDRANT_API_KEY", "MEM0_VECTOR_STORE is qdrant");
                break;
            default:
                problems.Add($"MEM0_VECTOR_STORE must be qdrant or embedded (got '{s.VectorStore}').");
                break;
        }

        if (s.RabbitMqUrl is { } rabbit &&
            !(Uri.TryCreate(rabbit, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "rabbitmq"))
        {
            problems.Add("RABBITMQ_URL must look like amqp://user:pass@host:5672/vhost.");
        }
        if (s.PublicBaseUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            problems.Add($"PUBLIC_BASE_URL must be an absolute URL (got '{url}').");
        }
        Hosting.ForwardedHeadersSetup.Parse(s.TrustedProxies, out var notProxies);
        if (notProxies.Count > 0)
        {
            problems.Add($"TRUSTED_PROXIES must list addresses or CIDR ranges such as 10.0.0.0/8; " +
                         $"not understood: {string.Join(", ", notProxies.Select(p => $"'{p}'"))}.");
        }
        if (!string.IsNullOrWhiteSpace(s.OAuthSigningKey))
        {
            if (Api.Auth.OAuth.OAuthKeys.TryLoad(s.OAuthSigningKey, out var keyProblem) is null) problems.Add(keyProblem!);
            Require(s.PublicBaseUrl, "PUBLIC_BASE_URL", "OAUTH_SIGNING_KEY is set, and the OAuth metadata names this server by its public URL");
        }
        foreach (var role in s.Roles.Where(r => !KnownRoles.Contains(r)))
        {
            problems.Add($"MEM0_ROLES has an unknown role '{role}' (known: {string.Join(", ", KnownRoles)}).");
        }
        if (s.BusTimeout <= TimeSpan.Zero) problems.Add("MEM0_BUS_TIMEOUT_SECONDS must be greater than 0.");
        if (s.ProviderTimeout <= TimeSpan.Zero) problems.Add("MEM0_PROVIDER_TIMEOUT_SECONDS must be greater than 0.");
        foreach (var (name, value) in new[] { ("ANTHROPIC_BASE_URL", s.AnthropicBaseUrl), ("OPENAI_BASE_URL", s.OpenAiBaseUrl), ("OLLAMA_BASE_URL", s.OllamaBaseUrl) })
        {
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            {
                problems.Add($"{name} must be an http(s) URL (got '{value}').");
            }
        }
        if (s.LocalDedupThreshold is <= 0 or > 1) problems.Add("MEM0_LOCAL_DEDUP_THRESHOLD must be in (0, 1].");
        if (s.LogLevel is not ("TRACE" or "DEBUG" or "INFO" or "WARNING" or "WARN" or "ERROR" or "CRITICAL"))
        {
            problems.Add($"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got '{s.LogLevel}').");
        }
        problems.AddRange(Mem0.Scheduler.SchedulerSettingsCheck.Check(s));
        return problems;
    }
}
