using System.Security.Claims;
using System.Text.Encodings.Web;
using Mem0.Api.Auth.Limits;
using Mem0.Api.Auth.OAuth;
using Mem0.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Mem0.Api.Auth;

/// <summary>
/// `Authorization: Bearer …` with MEM0_API_KEY, or, when OAuth is on, an access token this server issued for its
/// `/mcp` resource (checked by OpenIddict: signature, issuer, audience, expiry). A failure answers 401 in the
/// stable error shape; with OAuth on, the WWW-Authenticate header names the protected-resource metadata, which is
/// how Claude.ai and ChatGPT find the authorization server.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKey apiKey,
    AuthFailureLimiter limiter,
    AuthSurfaces surfaces,
    IServiceProvider services) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";
    private readonly OAuthUrls? _oauth = services.GetService<OAuthUrls>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken() is not { } token) return AuthenticateResult.NoResult();
        if (apiKey.Matches(token))
        {
            return Success(Access.StaticKeyPrincipal(SchemeName));
        }

        // Only something shaped like a JWT goes to the token validator: a mistyped key stays out of its code paths.
        if (_oauth is not null && token.Count(c => c == '.') == 2)
        {
            var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is { Identity.IsAuthenticated: true } principal) return Success(principal);
            return AuthenticateResult.Fail("The access token is not valid for this server.");
        }
        return AuthenticateResult.Fail("The bearer token does not match MEM0_API_KEY.");
    }

    /// <summary>The token of an `Authorization: Bearer` header, or null when the request has none.</summary>
    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }

    private static AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    /// <summary>
    /// Authenticated, but the token's scopes do not reach this route: 403 with RFC 6750's `insufficient_scope` and
    /// the scope that would (none for the routes only the owner's key reaches).
    /// </summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteInsufficientScopeAsync(Context, Context.GetEndpoint()?.Metadata.GetMetadata<AccessNeed>()?.Need ?? Need.Owner);

    public static Task WriteInsufficientScopeAsync(HttpContext http, Need need)
    {
        var scope = Access.Scope(need);
        http.Response.Headers.WWWAuthenticate = scope is null
            ? "Bearer error=\"insufficient_scope\""
            : $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
        return ErrorBody.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope, scope is null
            ? "This needs the server's own API key (MEM0_API_KEY); a connector's OAuth token never reaches it."
            : $"This token was not granted {scope}; the owner can connect again and allow it.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = BearerToken() is not null;
        // Only a presented token that failed counts: a request with none (how every connector discovers OAuth) does not.
        // Counted and decided in one step, so parallel guesses get at most the limit's 401s, then 429s.
        if (presented && surfaces.Of(Request.Path) is { } surface && limiter.Fail(surface, Context) is { } wait)
        {
            return AuthFailureLimitMiddleware.WriteRefusalAsync(Context, surface, wait);
        }
        // RFC 6750 §3: a presented token that failed is `invalid_token`; no token at all gets no error code.
        var error = presented ? "error=\"invalid_token\"" : null;
        var metadata = _oauth is null ? null : $"resource_metadata=\"{_oauth.ResourceMetadata(mcp: Request.Path.StartsWithSegments("/mcp"))}\"";
        var parameters = string.Join(", ", new[] { error, metadata }.OfType<string>());
        Response.Headers.WWWAuthenticate = parameters.Length == 0 ? "Bearer" : "Bearer " + parameters;
        return ErrorBody.WriteAsync(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "Missing or invalid bearer token.");
    }
}
