using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Dynamic Client Registration (RFC 7591) at `/oauth/register`: Claude.ai and ChatGPT register themselves, so the
/// owner never copies a client id. Only redirect URIs on OAUTH_ALLOWED_REDIRECT_URIS are accepted; a refusal is
/// logged as `dcr_redirect_uri_rejected` with the URI and the list in force, which is what the operator needs to
/// fix it. Errors use RFC 7591's shape, which is what registering clients parse.
/// </summary>
public static class ClientRegistration
{
    /// <summary>Registration is open to anyone, so what one registration may store is bounded.</summary>
    public const int MaxBodyBytes = 16_384;
    public const int MaxRedirectUris = 10;
    public const int MaxRedirectUriChars = 2_048;
    public const int MaxClientNameChars = 200;

    /// <summary>When the registration was made (unix seconds), for pruning registrations that never connected.</summary>
    public const string RegisteredAtProperty = "mem0_registered_at";

    private static readonly string[] SupportedGrants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];
    private static readonly string[] SupportedAuthMethods = ["none", ClientAuthenticationMethods.ClientSecretBasic, ClientAuthenticationMethods.ClientSecretPost];

    public static void MapClientRegistration(this WebApplication app) =>
        app.MapPost("/oauth/register", RegisterAsync).ExcludeFromDescription();

    private static async Task<IResult> RegisterAsync(HttpRequest request, IOpenIddictApplicationManager applications, RedirectUriAllowlist allowlist,
        TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(ClientRegistration));
        if (request.ContentLength > MaxBodyBytes)
        {
            log.LogWarning("dcr_refused: body of {Bytes} bytes (at most {Max})", request.ContentLength, MaxBodyBytes);
            return Error("invalid_client_metadata", $"The registration body must be at most {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        RegistrationRequest? body;
        try
        {
            // Read at most one byte past the limit, so a chunked body cannot grow either.
            using var bounded = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                bounded.Write(buffer, 0, read);
                if (bounded.Length > MaxBodyBytes)
                {
                    log.LogWarning("dcr_refused: body over {Max} bytes", MaxBodyBytes);
                    return Error("invalid_client_metadata", $"The registration body must be at most {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
                }
            }
            bounded.Position = 0;
            body = await JsonSerializer.DeserializeAsync<RegistrationRequest>(bounded, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return Error("invalid_client_metadata", $"The registration body is not valid JSON: {ex.Message}");
        }
        if (body is null) return Error("invalid_client_metadata", "The registration body must be a JSON object.");
        if (body.RedirectUris is not { Length: > 0 } redirectUris)
        {
            return Error("invalid_redirect_uri", "redirect_uris is required and must hold at least one URI.");
        }
        if (redirectUris.Length > MaxRedirectUris || redirectUris.Any(u => (u?.Length ?? 0) > MaxRedirectUriChars))
        {
            // Lengths, not contents: this is what an attacker would fill the log with.
            log.LogWarning("dcr_refused: {Count} redirect URIs, the longest {Longest} characters (at most {MaxCount} of {MaxChars})",
                redirectUris.Length, redirectUris.Max(u => u?.Length ?? 0), MaxRedirectUris, MaxRedirectUriChars);
            return Error("invalid_redirect_uri", $"redirect_uris may hold at most {MaxRedirectUris} URIs of at most {MaxRedirectUriChars} characters each.");
        }
        if (body.ClientName is { Length: > MaxClientNameChars } longName)
        {
            log.LogWarning("dcr_refused: client_name of {Length} characters (at most {Max})", longName.Length, MaxClientNameChars);
            return Error("invalid_client_metadata", $"client_name must be at most {MaxClientNameChars} characters.");
        }
        foreach (var uri in redirectUris)
        {
            if (allowlist.Allows(uri ?? "")) continue;
            log.LogWarning("dcr_redirect_uri_rejected: {RedirectUri} is not allowed by OAUTH_ALLOWED_REDIRECT_URIS ({Allowed})",
                uri, string.Join(",", allowlist.Active));
            return Error("invalid_redirect_uri",
                $"The redirect URI '{uri}' is not allowed by this server's OAUTH_ALLOWED_REDIRECT_URIS.");
        }
        // Every client may refresh (the consent grants offline_access), so an omitted list says so.
        var grants = body.GrantTypes ?? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];
        if (grants.FirstOrDefault(g => !SupportedGrants.Contains(g)) is { } grant)
        {
            return Error("invalid_client_metadata", $"grant_types may hold authorization_code and refresh_token only (got '{grant}').");
        }
        if ((body.ResponseTypes ?? [ResponseTypes.Code]).FirstOrDefault(r => r != ResponseTypes.Code) is { } responseType)
        {
            return Error("invalid_client_metadata", $"response_types may hold code only (got '{responseType}').");
        }
        var authMethod = body.TokenEndpointAuthMethod ?? ClientAuthenticationMethods.ClientSecretBasic;
        if (!SupportedAuthMethods.Contains(authMethod))
        {
            return Error("invalid_client_metadata", $"token_endpoint_auth_method must be one of {string.Join(", ", SupportedAuthMethods)} (got '{authMethod}').");
        }

        var confidential = authMethod != "none";
        var clientId = "mem0-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = confidential ? Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)) : null;
        var name = body.ClientName?.Trim();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = string.IsNullOrEmpty(name) ? clientId : name,
        };
        descriptor.Properties[RegisteredAtProperty] = JsonSerializer.SerializeToElement(clock.GetUtcNow().ToUnixTimeSeconds());
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri!));
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        await applications.CreateAsync(descriptor, ct);
        log.LogInformation("OAuth client registered: {ClientId} ({ClientName}) for {RedirectUris}", clientId, descriptor.DisplayName, string.Join(",", redirectUris));

        var response = new Dictionary<string, object?>
        {
            ["client_id"] = clientId,
            ["client_id_issued_at"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["client_name"] = descriptor.DisplayName,
            ["redirect_uris"] = redirectUris,
            ["grant_types"] = grants,
            ["response_types"] = new[] { ResponseTypes.Code },
            ["token_endpoint_auth_method"] = authMethod,
        };
        if (secret is not null)
        {
            response["client_secret"] = secret;
            response["client_secret_expires_at"] = 0;
        }
        return Results.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Error(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private sealed record RegistrationRequest(
        [property: System.Text.Json.Serialization.JsonPropertyName("redirect_uris")] string?[]? RedirectUris,
        [property: System.Text.Json.Serialization.JsonPropertyName("client_name")] string? ClientName,
        [property: System.Text.Json.Serialization.JsonPropertyName("grant_types")] string[]? GrantTypes,
        [property: System.Text.Json.Serialization.JsonPropertyName("response_types")] string[]? ResponseTypes,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_endpoint_auth_method")] string? TokenEndpointAuthMethod);
}
