using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Mem0.Projections.Configuration;

/// <summary>
/// Every environment variable the server reads, with the guide's defaults. Loaded once at start; the API host
/// validates it before anything else runs so a bad setting stops start-up with the variable's name.
/// </summary>
public sealed record Mem0Settings
{
    public const string LocalProfile = "local";
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

    public string? Profile { get; init; }
    public bool IsLocalProfile => string.Equals(Profile, LocalProfile, StringComparison.OrdinalIgnoreCase);

    public string? DatabaseUrl { get; init; }
    public string DatabaseSchema { get; init; } = "mem0";
    public string? RabbitMqUrl { get; init; }
    public string BusPrefix { get; init; } = "mem0";
    public TimeSpan BusTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string> { "api", "extractor", "scheduler" };

    public string VectorStore { get; init; } = "qdrant";
    public string? QdrantHost { get; init; }
    public int QdrantPort { get; init; } = 443;
    public bool QdrantHttps { get; init; } = true;
    public string? QdrantApiKey { get; init; }

    /// <summary>
    /// The client speaks gRPC. QDRANT_PORT is the guide's port; 6333 there is Qdrant's REST port, whose gRPC
    /// sibling is 6334, so that one value is mapped. QDRANT_GRPC_PORT overrides both.
    /// </summary>
    public int? QdrantGrpcPort { get; init; }
    public int QdrantClientPort => QdrantGrpcPort ?? (QdrantPort == 6333 ? 6334 : QdrantPort);
    public string Collection { get; init; } = "memories";

    /// <summary>
    /// How long a write waits for its memories to be in the vector index before replying (read-your-writes).
    /// Zero replies as soon as the events are stored; the subscription indexes them moments later.
    /// </summary>
    public TimeSpan IndexWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a POST's response is kept for replay to a retry with the same Idempotency-Key.</summary>
    public double IdempotencyTtlHours { get; init; } = 24;

    public string? DefaultUserId { get; init; }
    public string LlmProvider { get; init; } = "anthropic";
    public string LlmModel { get; init; } = "claude-haiku-4-5-20251001";
    public string? AnthropicApiKey { get; init; }
    public string EmbedProvider { get; init; } = "openai";
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

    /// <summary>What the local extractor stores from one input: each sentence, or each turn (paragraph) whole.</summary>
    public string LocalFacts { get; init; } = "sentences";

    /// <summary>
    /// Where the local decision step calls two texts the same, per model: arctic-embed's cosines run higher than
    /// MiniLM's, and at MiniLM's threshold it merged distinct facts (bench/results.md).
    /// </summary>
    public static double DefaultDedupThreshold(string embedModel) => embedModel == ArcticModelName ? 0.98 : 0.95;

    public string? ApiKey { get; init; }
    public string? PublicBaseUrl { get; init; }
    public string? OAuthSigningKey { get; init; }
    public string OAuthAllowedRedirectUris { get; init; } =
        "https://claude.ai/api/mcp/auth_callback,https://chatgpt.com/connector/oauth/*";
    public bool TrustForwardedFor { get; init; } = true;

    /// <summary>
    /// The proxies whose forwarded headers are believed: addresses and CIDR ranges. The default is loopback and the
    /// private ranges, where a proxy on the same host or a container network (Docker, CapRover's swarm) connects from.
    /// </summary>
    public string TrustedProxies { get; init; } = DefaultTrustedProxies;

    public const string DefaultTrustedProxies = "127.0.0.0/8,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";
    public int RateLimitAuthFailures { get; init; } = 10;
    public int RateLimitAuthWindowSeconds { get; init; } = 60;
    public int RateLimitConsentFailures { get; init; } = 5;
    public int RateLimitConsentWindowSeconds { get; init; } = 300;
    public int RateLimitTokenFailures { get; init; } = 10;
    public int RateLimitTokenWindowSeconds { get; init; } = 60;
    public string LogLevel { get; init; } = "INFO";

    /// <summary>A cron variable set to this turns its job off.</summary>
    public const string CronOff = "off";

    /// <summary>Cron expressions are UTC, as in the guide's backup and digest apps.</summary>
    public string BackupCron { get; init; } = "0 3 * * *";
    public string? BackupDir { get; init; }
    public string? S3Bucket { get; init; }
    public string S3Prefix { get; init; } = "mem0-backups";
    public string? S3Endpoint { get; init; }
    public string? AwsAccessKeyId { get; init; }
    public string? AwsSecretAccessKey { get; init; }
    public string AwsRegion { get; init; } = "us-east-1";
    public int RetentionDays { get; init; } = 14;
    public bool BackupConfigured => BackupDir is not null || S3Bucket is not null;

    public string DigestCron { get; init; } = "0 8 * * *";
    public int DigestWindowDays { get; init; } = 1;
    public int DigestMaxMemories { get; init; } = 100;
    public string DigestTitle { get; init; } = "\U0001F9E0 Memory digest";
    public bool DigestSendWhenEmpty { get; init; }
    public bool DigestRunOnStart { get; init; }
    public string? DigestWebhookUrl { get; init; }
    public string DigestWebhookFormat { get; init; } = "auto";

    /// <summary>Problems found while reading values (a number that is not a number…), reported with the rest.</summary>
    public IReadOnlyList<string> ParseErrors { get; init; } = [];

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>The guide's default is Claude Haiku; the other providers get a small, cheap model of their own.</summary>
    public static string DefaultLlmModel(string provider) => provider switch
    {
        "local" => "local-sentences",
        "openai" => "gpt-4.1-mini",
        "ollama" => "llama3.2",
        _ => "claude-haiku-4-5-20251001",
    };

    public static (string Model, int Dims) DefaultEmbedModel(string provider) => provider switch
    {
        "local" => (LocalModelName, LocalModelDims),
        "ollama" => ("nomic-embed-text", 768),
        _ => ("text-embedding-3-small", 1536),
    };

    public static Mem0Settings Load(IConfiguration config)
    {
        var errors = new List<string>();
        string? Str(string name) => string.IsNullOrWhiteSpace(config[name]) ? null : config[name]!.Trim();
        int Int(string name, int fallback)
        {
            var raw = Str(name);
            if (raw is null) return fallback;
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0) return v;
            errors.Add($"{name} must be a non-negative whole number (got '{raw}').");
            return fallback;
        }
        double Double(string name, double fallback)
        {
            var raw = Str(name);
            if (raw is null) return fallback;
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
            errors.Add($"{name} must be a number (got '{raw}').");
            return fallback;
        }
        bool Bool(string name, bool fallback)
        {
            var raw = Str(name);
            if (raw is null) return fallback;
            switch (raw.ToLowerInvariant())
            {
                case "true" or "1" or "yes" or "on": return true;
                case "false" or "0" or "no" or "off": return false;
                default:
                    errors.Add($"{name} must be true or false (got '{raw}').");
                    return fallback;
            }
        }

        var profile = Str("MEM0_PROFILE");
        var local = string.Equals(profile, LocalProfile, StringComparison.OrdinalIgnoreCase);
        var embedProvider = (Str("MEM0_EMBED_PROVIDER") ?? (local ? "local" : "openai")).ToLowerInvariant();
        var llmProvider = (Str("MEM0_LLM_PROVIDER") ?? (local ? "local" : "anthropic")).ToLowerInvariant();
        var defaults = new Mem0Settings();
        var roles = Str("MEM0_ROLES")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).ToHashSet() ?? new HashSet<string>(defaults.Roles);

        var settings = new Mem0Settings
        {
            Profile = profile,
            DatabaseUrl = Str("MEM0_DATABASE_URL"),
            DatabaseSchema = Str("MEM0_DATABASE_SCHEMA") ?? defaults.DatabaseSchema,
            RabbitMqUrl = Str("RABBITMQ_URL"),
            BusPrefix = Str("MEM0_BUS_PREFIX") ?? defaults.BusPrefix,
            BusTimeout = TimeSpan.FromMilliseconds(Double("MEM0_BUS_TIMEOUT_SECONDS", defaults.BusTimeout.TotalSeconds) * 1000),
            Roles = roles,
            VectorStore = (Str("MEM0_VECTOR_STORE") ?? (local ? "embedded" : "qdrant")).ToLowerInvariant(),
            QdrantHost = Str("QDRANT_HOST"),
            QdrantPort = Int("QDRANT_PORT", defaults.QdrantPort),
            QdrantHttps = Bool("QDRANT_HTTPS", defaults.QdrantHttps),
            QdrantApiKey = Str("QDRANT_API_KEY"),
            QdrantGrpcPort = Str("QDRANT_GRPC_PORT") is null ? null : Int("QDRANT_GRPC_PORT", 6334),
            Collection = Str("MEM0_COLLECTION") ?? defaults.Collection,
            IndexWait = TimeSpan.FromMilliseconds(Double("MEM0_INDEX_WAIT_MS", defaults.IndexWait.TotalMilliseconds)),
            IdempotencyTtlHours = Double("MEM0_IDEMPOTENCY_TTL_HOURS", defaults.IdempotencyTtlHours),
            DefaultUserId = Str("MEM0_DEFAULT_USER_ID"),
            LlmProvider = llmProvider,
            LlmModel = Str("MEM0_LLM_MODEL") ?? DefaultLlmModel(llmProvider),
            AnthropicApiKey = Str("ANTHROPIC_API_KEY"),
            EmbedProvider = embedProvider,
            EmbedModel = Str("MEM0_EMBED_MODEL") ?? DefaultEmbedModel(embedProvider).Model,
            EmbedDims = Int("MEM0_EMBED_DIMS", DefaultEmbedModel(embedProvider).Dims),
            OpenAiApiKey = Str("OPENAI_API_KEY"),
            AnthropicBaseUrl = Str("ANTHROPIC_BASE_URL"),
            OpenAiBaseUrl = Str("OPENAI_BASE_URL"),
            OllamaBaseUrl = Str("OLLAMA_BASE_URL") ?? defaults.OllamaBaseUrl,
            ProviderTimeout = TimeSpan.FromSeconds(Double("MEM0_PROVIDER_TIMEOUT_SECONDS", defaults.ProviderTimeout.TotalSeconds)),
            ProviderRetries = Int("MEM0_PROVIDER_RETRIES", defaults.ProviderRetries),
            ProviderRetryDelay = TimeSpan.FromMilliseconds(Double("MEM0_PROVIDER_RETRY_DELAY_MS", defaults.ProviderRetryDelay.TotalMilliseconds)),
            LocalDedupThreshold = Double("MEM0_LOCAL_DEDUP_THRESHOLD",
                DefaultDedupThreshold(Str("MEM0_EMBED_MODEL") ?? DefaultEmbedModel(embedProvider).Model)),
            LocalFacts = (Str("MEM0_LOCAL_FACTS") ?? defaults.LocalFacts).ToLowerInvariant(),
            ApiKey = Str("MEM0_API_KEY"),
            PublicBaseUrl = Str("PUBLIC_BASE_URL")?.TrimEnd('/'),
            OAuthSigningKey = Str("OAUTH_SIGNING_KEY")?.Replace("\\n", "\n"),
            OAuthAllowedRedirectUris = Str("OAUTH_ALLOWED_REDIRECT_URIS") ?? defaults.OAuthAllowedRedirectUris,
            TrustForwardedFor = Bool("TRUST_FORWARDED_FOR", defaults.TrustForwardedFor),
            TrustedProxies = Str("TRUSTED_PROXIES") ?? defaults.TrustedProxies,
            RateLimitAuthFailures = Int("RATE_LIMIT_AUTH_FAILURES", defaults.RateLimitAuthFailures),
            RateLimitAuthWindowSeconds = Int("RATE_LIMIT_AUTH_WINDOW_SECONDS", defaults.RateLimitAuthWindowSeconds),
            RateLimitConsentFailures = Int("RATE_LIMIT_CONSENT_FAILURES", defaults.RateLimitConsentFailures),
            RateLimitConsentWindowSeconds = Int("RATE_LIMIT_CONSENT_WINDOW_SECONDS", defaults.RateLimitConsentWindowSeconds),
            RateLimitTokenFailures = Int("RATE_LIMIT_TOKEN_FAILURES", defaults.RateLimitTokenFailures),
            RateLimitTokenWindowSeconds = Int("RATE_LIMIT_TOKEN_WINDOW_SECONDS", defaults.RateLimitTokenWindowSeconds),
            LogLevel = (Str("LOG_LEVEL") ?? defaults.LogLevel).ToUpperInvariant(),
            BackupCron = Str("BACKUP_CRON") ?? defaults.BackupCron,
            BackupDir = Str("BACKUP_DIR"),
            S3Bucket = Str("S3_BUCKET"),
            S3Prefix = Str("S3_PREFIX")?.Trim('/') ?? defaults.S3Prefix,
            S3Endpoint = Str("S3_ENDPOINT"),
            AwsAccessKeyId = Str("AWS_ACCESS_KEY_ID"),
            AwsSecretAccessKey = Str("AWS_SECRET_ACCESS_KEY"),
            AwsRegion = Str("AWS_DEFAULT_REGION") ?? defaults.AwsRegion,
            RetentionDays = Int("RETENTION_DAYS", defaults.RetentionDays),
            DigestCron = Str("DIGEST_CRON")?.ToLowerInvariant() is CronOff ? CronOff : Str("DIGEST_CRON") ?? defaults.DigestCron,
            DigestWindowDays = Int("DIGEST_WINDOW_DAYS", defaults.DigestWindowDays),
            // The guide's list endpoint allows at most 100, so the guide clamps larger values; so does this.
            DigestMaxMemories = Math.Min(100, Int("DIGEST_MAX_MEMORIES", defaults.DigestMaxMemories)),
            DigestTitle = Str("DIGEST_TITLE") ?? defaults.DigestTitle,
            DigestSendWhenEmpty = Bool("DIGEST_SEND_WHEN_EMPTY", defaults.DigestSendWhenEmpty),
            DigestRunOnStart = Bool("DIGEST_RUN_ON_START", defaults.DigestRunOnStart),
            DigestWebhookUrl = Str("DIGEST_WEBHOOK_URL"),
            DigestWebhookFormat = (Str("DIGEST_WEBHOOK_FORMAT") ?? defaults.DigestWebhookFormat).ToLowerInvariant(),
        };
        return settings with { ParseErrors = errors };
    }
}
