namespace Mem0.Settings;

/// <summary>Who gets in: the API key, OAuth for connectors, the proxies believed about the client, the failure limits.</summary>
public sealed record AuthOptions : ModuleOptions
{
    public const string DefaultTrustedProxies = "127.0.0.0/8,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    public string? ApiKey { get; init; }

    /// <summary>The local profile needs no public URL: it is the address the server listens on.</summary>
    public bool LocalProfile { get; init; }
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
    public int RateLimitAuthFailures { get; init; } = 10;
    public int RateLimitAuthWindowSeconds { get; init; } = 60;
    public int RateLimitConsentFailures { get; init; } = 5;
    public int RateLimitConsentWindowSeconds { get; init; } = 300;
    public int RateLimitTokenFailures { get; init; } = 10;
    public int RateLimitTokenWindowSeconds { get; init; } = 60;

    public static AuthOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new AuthOptions();
        return new AuthOptions
        {
            ApiKey = r.Str("MEM0_API_KEY"),
            LocalProfile = r.LocalProfile,
            PublicBaseUrl = r.Str("PUBLIC_BASE_URL")?.TrimEnd('/'),
            OAuthSigningKey = r.Str("OAUTH_SIGNING_KEY")?.Replace("\\n", "\n"),
            OAuthAllowedRedirectUris = r.Str("OAUTH_ALLOWED_REDIRECT_URIS") ?? defaults.OAuthAllowedRedirectUris,
            TrustForwardedFor = r.Bool("TRUST_FORWARDED_FOR", defaults.TrustForwardedFor),
            TrustedProxies = r.Str("TRUSTED_PROXIES") ?? defaults.TrustedProxies,
            RateLimitAuthFailures = r.Int("RATE_LIMIT_AUTH_FAILURES", defaults.RateLimitAuthFailures),
            RateLimitAuthWindowSeconds = r.Int("RATE_LIMIT_AUTH_WINDOW_SECONDS", defaults.RateLimitAuthWindowSeconds),
            RateLimitConsentFailures = r.Int("RATE_LIMIT_CONSENT_FAILURES", defaults.RateLimitConsentFailures),
            RateLimitConsentWindowSeconds = r.Int("RATE_LIMIT_CONSENT_WINDOW_SECONDS", defaults.RateLimitConsentWindowSeconds),
            RateLimitTokenFailures = r.Int("RATE_LIMIT_TOKEN_FAILURES", defaults.RateLimitTokenFailures),
            RateLimitTokenWindowSeconds = r.Int("RATE_LIMIT_TOKEN_WINDOW_SECONDS", defaults.RateLimitTokenWindowSeconds),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
