using Mem0.Settings;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// The guide's auth-failure limits, on five surfaces counted apart. REST (`/api/v1`, and the jobs dashboard) and MCP
/// (`/mcp`), RATE_LIMIT_AUTH_*: a presented bearer token that fails; a request with no credentials gets its 401 and
/// counts nothing (every MCP connector starts with one, to discover OAuth). The consent form (`/oauth/authorize`),
/// RATE_LIMIT_CONSENT_*: a wrong API key. The token endpoint (`/oauth/token`), RATE_LIMIT_TOKEN_*: any refused
/// exchange (400 or 401). Registration (`/oauth/register`): every registration (20 an hour), as it is open by design.
/// `/healthz`, `/metrics` and `/docs` are never limited.
/// </summary>
public sealed class AuthSurfaces(AuthOptions settings)
{
    /// <summary>One owner's connectors register a handful of times; a flood of client rows from one address is refused.</summary>
    public const int RegistrationsPerHour = 20;

    public AuthSurface Rest { get; } = new("rest", settings.RateLimitAuthFailures, TimeSpan.FromSeconds(settings.RateLimitAuthWindowSeconds), AuthCounting.WhenRefused);
    public AuthSurface Mcp { get; } = new("mcp", settings.RateLimitAuthFailures, TimeSpan.FromSeconds(settings.RateLimitAuthWindowSeconds), AuthCounting.WhenRefused);
    public AuthSurface Consent { get; } = new("consent", settings.RateLimitConsentFailures, TimeSpan.FromSeconds(settings.RateLimitConsentWindowSeconds), AuthCounting.WhenRefused);
    public AuthSurface Token { get; } = new("token", settings.RateLimitTokenFailures, TimeSpan.FromSeconds(settings.RateLimitTokenWindowSeconds), AuthCounting.ByOutcome);
    public AuthSurface Register { get; } = new("register", RegistrationsPerHour, TimeSpan.FromHours(1), AuthCounting.Every, "Too many client registrations");

    public AuthSurface? Of(PathString path) =>
        path.StartsWithSegments("/mcp") ? Mcp
        : path.StartsWithSegments("/api") || path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/ui") ? Rest
        : path.StartsWithSegments("/oauth/authorize") ? Consent
        : path.StartsWithSegments("/oauth/token") ? Token
        : path.StartsWithSegments("/oauth/register") ? Register
        : null;
}
