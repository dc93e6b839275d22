using Mem0.Api.Auth.OAuth;
using Mem0.Api.Hosting;
using Mem0.Settings;

namespace Mem0.Api.Configuration;

/// <summary>The key, the public URL OAuth names this server by, the signing key and the proxies believed.</summary>
public sealed class AuthOptionsValidator : ModuleOptionsValidator<AuthOptions>
{
    /// <summary>`openssl rand -hex 32` gives 64; 32 characters of hex are still 128 bits.</summary>
    public const int MinimumKeyLength = 32;

    protected override void Check(AuthOptions s, List<string> problems)
    {
        Require(problems, s.ApiKey, "MEM0_API_KEY", "the bearer token for REST and MCP (generate one with: openssl rand -hex 32)");
        if (s.ApiKey is { Length: > 0 and < MinimumKeyLength } key)
        {
            // The length only: the key itself is never echoed, not even a short one.
            problems.Add($"MEM0_API_KEY must be at least {MinimumKeyLength} characters (it has {key.Length}): it is the owner's only " +
                         "credential on an internet-facing server. Generate one with: openssl rand -hex 32");
        }
        if (!s.LocalProfile)
        {
            Require(problems, s.PublicBaseUrl, "PUBLIC_BASE_URL", "the public URL of this server, e.g. https://mem0.your-domain.com");
        }
        if (s.PublicBaseUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            problems.Add($"PUBLIC_BASE_URL must be an absolute URL (got '{url}').");
        }
        ForwardedHeadersSetup.Parse(s.TrustedProxies, out var notProxies);
        if (notProxies.Count > 0)
        {
            problems.Add($"TRUSTED_PROXIES must list addresses or CIDR ranges such as 10.0.0.0/8; " +
                         $"not understood: {string.Join(", ", notProxies.Select(p => $"'{p}'"))}.");
        }
        if (!string.IsNullOrWhiteSpace(s.OAuthSigningKey))
        {
            if (OAuthKeys.TryLoad(s.OAuthSigningKey, out var keyProblem) is null) problems.Add(keyProblem!);
            Require(problems, s.PublicBaseUrl, "PUBLIC_BASE_URL", "OAUTH_SIGNING_KEY is set, and the OAuth metadata names this server by its public URL");
        }
    }
}
