using Mem0.Api.Configuration;
using Mem0.Settings;
using Mem0.Projections.Store;
using Microsoft.Extensions.Configuration;

namespace Mem0.Tests.Unit.Configuration;

public sealed class Settings_specs
{
    private static Mem0Settings Load(params (string Key, string Value)[] values) =>
        Mem0Settings.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    private static readonly (string, string)[] LocalBasics =
        [("MEM0_PROFILE", "local"), ("MEM0_DATABASE_URL", "postgres://a:b@h/db"), ("MEM0_API_KEY", "k-0123456789abcdef0123456789abcdef"), ("MEM0_DEFAULT_USER_ID", "u")];

    [Fact]
    public void Defaults_are_the_guides()
    {
        var s = Load();
        Assert.Equal((LlmProvider.Anthropic, "claude-haiku-4-5-20251001"), (s.Ai.LlmProvider, s.Ai.LlmModel));
        Assert.Equal((EmbedProvider.OpenAi, "text-embedding-3-small", 1536), (s.Ai.EmbedProvider, s.Ai.EmbedModel, s.Ai.EmbedDims));
        Assert.Equal((VectorStoreKind.Qdrant, 443, true, "memories"), (s.Vectors.VectorStore, s.Vectors.QdrantPort, s.Vectors.QdrantHttps, s.Vectors.Collection));
        Assert.Equal((10, 60, 5, 300, 10, 60), (s.Auth.RateLimitAuthFailures, s.Auth.RateLimitAuthWindowSeconds, s.Auth.RateLimitConsentFailures,
            s.Auth.RateLimitConsentWindowSeconds, s.Auth.RateLimitTokenFailures, s.Auth.RateLimitTokenWindowSeconds));
        Assert.True(s.Auth.TrustForwardedFor);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, s.Server.LogLevel);
        Assert.Contains("https://chatgpt.com/connector/oauth/*", s.Auth.OAuthAllowedRedirectUris);
        Assert.Equal(("0 3 * * *", "mem0-backups", "us-east-1", 14), (s.Backups.BackupCron, s.Backups.S3Prefix, s.Backups.AwsRegion, s.Backups.RetentionDays));
        Assert.False(s.Backups.BackupConfigured);
        Assert.Equal(("0 8 * * *", 1, 100, "\U0001F9E0 Memory digest", false, false, WebhookFormat.Auto),
            (s.Digest.DigestCron, s.Digest.DigestWindowDays, s.Digest.DigestMaxMemories, s.Digest.DigestTitle, s.Digest.DigestSendWhenEmpty, s.Digest.DigestRunOnStart, s.Digest.DigestWebhookFormat));
    }

    [Fact]
    public void Digest_max_memories_is_clamped_to_the_list_limit_as_in_the_guide() =>
        Assert.Equal(100, Load([.. LocalBasics, ("DIGEST_MAX_MEMORIES", "500")]).Digest.DigestMaxMemories);

    [Fact]
    public void The_local_profile_implies_local_parts_and_needs_no_provider_keys()
    {
        var s = Load(LocalBasics);
        Assert.Equal((LlmProvider.Local, EmbedProvider.Local, VectorStoreKind.Embedded, 384), (s.Ai.LlmProvider, s.Ai.EmbedProvider, s.Vectors.VectorStore, s.Ai.EmbedDims));
        Assert.Empty(Mem0Options.Problems(s));
    }

    [Fact]
    public void Each_local_part_can_still_be_overridden()
    {
        var s = Load([.. LocalBasics, ("MEM0_VECTOR_STORE", "qdrant")]);
        Assert.Equal(VectorStoreKind.Qdrant, s.Vectors.VectorStore);
        Assert.Contains(Mem0Options.Problems(s), p => p.StartsWith("QDRANT_HOST is required"));
    }

    [Theory]
    [InlineData(null, null, 443)]
    [InlineData("6333", null, 6334)]
    [InlineData("6334", null, 6334)]
    [InlineData("6333", "7334", 7334)]
    public void The_qdrant_client_speaks_grpc_on_the_matching_port(string? restPort, string? grpcPort, int expected)
    {
        var values = new List<(string, string)>(LocalBasics) { ("MEM0_VECTOR_STORE", "qdrant"), ("QDRANT_HOST", "q"), ("QDRANT_API_KEY", "k") };
        if (restPort is not null) values.Add(("QDRANT_PORT", restPort));
        if (grpcPort is not null) values.Add(("QDRANT_GRPC_PORT", grpcPort));
        var s = Load([.. values]);
        Assert.Equal(expected, s.Vectors.QdrantClientPort);
        Assert.Empty(Mem0Options.Problems(s));
    }

    [Fact]
    public void The_index_wait_defaults_to_two_seconds_and_zero_turns_it_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Load(LocalBasics).Vectors.IndexWait);
        Assert.Equal(TimeSpan.Zero, Load([.. LocalBasics, ("MEM0_INDEX_WAIT_MS", "0")]).Vectors.IndexWait);
    }

    [Fact]
    public void Missing_required_variables_are_each_named()
    {
        var problems = Mem0Options.Problems(Load());
        foreach (var v in new[] { "MEM0_DATABASE_URL", "MEM0_API_KEY", "MEM0_DEFAULT_USER_ID", "PUBLIC_BASE_URL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "QDRANT_HOST", "QDRANT_API_KEY" })
        {
            Assert.Contains(problems, p => p.StartsWith($"{v} is required"));
        }
    }

    [Theory]
    [InlineData("QDRANT_PORT", "many", "QDRANT_PORT must be a non-negative whole number (got 'many').")]
    [InlineData("TRUST_FORWARDED_FOR", "maybe", "TRUST_FORWARDED_FOR must be true or false (got 'maybe').")]
    [InlineData("RABBITMQ_URL", "http://x", "RABBITMQ_URL must look like amqp://user:pass@host:5672/vhost.")]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/8,proxy", "TRUSTED_PROXIES must list addresses or CIDR ranges such as 10.0.0.0/8; not understood: 'proxy'.")]
    [InlineData("MEM0_ROLES", "api,janitor", "MEM0_ROLES has an unknown role 'janitor' (known: api, extractor, scheduler).")]
    [InlineData("MEM0_EMBED_DIMS", "1536", "MEM0_EMBED_DIMS=1536 does not match the local embedder, which returns 384.")]
    [InlineData("BACKUP_CRON", "every night", "BACKUP_CRON must be a five-field cron expression in UTC, e.g. 0 3 * * * (got 'every night'")]
    [InlineData("DIGEST_CRON", "0 25 * * *", "DIGEST_CRON must be a five-field cron expression in UTC")]
    [InlineData("BACKUP_CRON", "off", "BACKUP_CRON cannot be off; leave BACKUP_DIR and S3_BUCKET unset to turn backups off.")]
    [InlineData("RETENTION_DAYS", "0", "RETENTION_DAYS must be at least 1.")]
    [InlineData("DIGEST_WINDOW_DAYS", "0", "DIGEST_WINDOW_DAYS must be at least 1.")]
    [InlineData("DIGEST_WEBHOOK_FORMAT", "teams", "DIGEST_WEBHOOK_FORMAT must be auto, slack or discord (got 'teams').")]
    [InlineData("DIGEST_WEBHOOK_URL", "hooks.slack.com/x", "DIGEST_WEBHOOK_URL must be an http(s) URL (got 'hooks.slack.com/x').")]
    [InlineData("S3_ENDPOINT", "minio:9000", "S3_ENDPOINT must be an http(s) URL (got 'minio:9000').")]
    [InlineData("AWS_ACCESS_KEY_ID", "AKIA", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together")]
    public void Bad_values_are_reported_with_the_variable(string key, string value, string expected) =>
        Assert.Contains(Mem0Options.Problems(Load([.. LocalBasics, (key, value)])), p => p.StartsWith(expected));

    [Fact]
    public void Arctic_embed_xs_is_the_local_default_and_each_local_model_has_its_own_dedup_threshold()
    {
        var arctic = Load(LocalBasics);
        Assert.Empty(Mem0Options.Problems(arctic));
        Assert.Equal(("snowflake-arctic-embed-xs", 384, 0.98), (arctic.Ai.EmbedModel, arctic.Ai.EmbedDims, arctic.Ai.LocalDedupThreshold));
        var miniLm = Load([.. LocalBasics, ("MEM0_EMBED_MODEL", "all-MiniLM-L6-v2")]);
        Assert.Empty(Mem0Options.Problems(miniLm));
        Assert.Equal(("all-MiniLM-L6-v2", 384, 0.95), (miniLm.Ai.EmbedModel, miniLm.Ai.EmbedDims, miniLm.Ai.LocalDedupThreshold));
        Assert.Equal(0.9, Load([.. LocalBasics, ("MEM0_LOCAL_DEDUP_THRESHOLD", "0.9")]).Ai.LocalDedupThreshold);
    }

    [Fact]
    public void An_unknown_local_model_or_a_wrong_dimension_stops_start_up()
    {
        Assert.Contains(Mem0Options.Problems(Load([.. LocalBasics, ("MEM0_EMBED_MODEL", "bge-small")])),
            p => p == "MEM0_EMBED_MODEL=bge-small is not a local model (MEM0_EMBED_PROVIDER=local has snowflake-arctic-embed-xs and all-MiniLM-L6-v2).");
        Assert.Contains(Mem0Options.Problems(Load([.. LocalBasics, ("MEM0_EMBED_MODEL", "snowflake-arctic-embed-xs"), ("MEM0_EMBED_DIMS", "768")])),
            p => p.StartsWith("MEM0_EMBED_DIMS=768 does not match the local embedder"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("extractor")]
    [InlineData("scheduler")]
    public void The_embedded_index_runs_with_roles_in_separate_processes(string roles) =>
        Assert.Empty(Mem0Options.Problems(Load([.. LocalBasics, ("MEM0_ROLES", roles)])));

    [Fact]
    public void Digest_cron_off_turns_the_digest_off_and_six_field_crons_are_accepted()
    {
        Assert.Equal("off", Load([.. LocalBasics, ("DIGEST_CRON", "OFF")]).Digest.DigestCron);
        Assert.Empty(Mem0Options.Problems(Load([.. LocalBasics, ("DIGEST_CRON", "off"), ("BACKUP_CRON", "30 0 3 * * *")])));
    }

    [Fact]
    public void A_pem_with_escaped_newlines_gets_real_ones() =>
        Assert.Equal("-----BEGIN KEY-----\nabc\n-----END KEY-----", Load(("OAUTH_SIGNING_KEY", @"-----BEGIN KEY-----\nabc\n-----END KEY-----")).Auth.OAuthSigningKey);

    [Theory]
    [InlineData("postgres://mem0:s%40cret@db.local:6543/memories?sslmode=require", "Host=db.local;Port=6543;Database=memories;Username=mem0;Password=s@cret;SSL Mode=Require")]
    [InlineData("postgresql://u@localhost/d", "Host=localhost;Port=5432;Database=d;Username=u")]
    [InlineData("Host=x;Port=1;Database=y;Username=z", "Host=x;Port=1;Database=y;Username=z")]
    public void A_database_url_or_connection_string_becomes_a_connection_string(string url, string expected) =>
        Assert.Equal(expected, DatabaseUrl.ToConnectionString(url));

    [Fact]
    public void An_oauth_signing_key_that_is_not_an_rsa_pem_is_reported()
    {
        var problems = Mem0Options.Problems(Load([.. LocalBasics, ("OAUTH_SIGNING_KEY", "-----BEGIN KEY-----\nabc\n-----END KEY-----")]));
        Assert.Contains(problems, p => p.StartsWith("OAUTH_SIGNING_KEY must be a PEM RSA private key"));
    }

    [Fact]
    public void A_short_rsa_key_is_refused_and_a_2048_bit_one_accepted_with_a_public_url()
    {
        using var small = System.Security.Cryptography.RSA.Create(1024);
        using var good = System.Security.Cryptography.RSA.Create(2048);
        Assert.Contains("OAUTH_SIGNING_KEY is a 1024-bit RSA key; use 2048 bits or more (openssl genrsa 2048).",
            Mem0Options.Problems(Load([.. LocalBasics, ("OAUTH_SIGNING_KEY", small.ExportRSAPrivateKeyPem())])));
        var pem = good.ExportRSAPrivateKeyPem().Replace("\n", "\\n");
        Assert.Empty(Mem0Options.Problems(Load([.. LocalBasics, ("OAUTH_SIGNING_KEY", pem), ("PUBLIC_BASE_URL", "https://mem0.example.com")])));
        Assert.Contains(Mem0Options.Problems(Load([.. LocalBasics, ("OAUTH_SIGNING_KEY", pem)])), p => p.StartsWith("PUBLIC_BASE_URL is required: OAUTH_SIGNING_KEY is set"));
    }
}
