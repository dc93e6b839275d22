using Mem0.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Phase 2: with OAUTH_SIGNING_KEY set, an OAuth 2.1 authorization server (OpenIddict, registrations and tokens in
/// PostgreSQL through EF Core) for the Claude.ai and ChatGPT connectors: discovery (RFC 8414), protected-resource
/// metadata (RFC 9728), dynamic registration (RFC 7591), the code flow with PKCE S256 only, resource indicators
/// bound into the token's audience (RFC 8707), rotating refresh tokens. Without the key none of it exists.
/// </summary>
public static class OAuthSetup
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(30);

    public static bool OAuthEnabled(this AuthOptions auth) => !string.IsNullOrWhiteSpace(auth.OAuthSigningKey);

    public static IServiceCollection AddMem0OAuth(this IServiceCollection services, AuthOptions auth, EventStoreOptions store)
    {
        var keys = OAuthKeys.TryLoad(auth.OAuthSigningKey!, out var problem) ?? throw new InvalidOperationException(problem);
        var urls = new OAuthUrls(auth.PublicBaseUrl!);
        services.AddSingleton(urls);
        services.AddSingleton(new RedirectUriAllowlist(auth.OAuthAllowedRedirectUris));
        services.AddSingleton(new OAuthSchemaName(store.DatabaseSchema));
        // The server's one NpgsqlDataSource (from the projections), so OAuth shares its connection pool.
        services.AddDbContext<OAuthDbContext>((provider, o) =>
        {
            o.UseNpgsql(provider.GetRequiredService<Npgsql.NpgsqlDataSource>());
            o.UseOpenIddict();
            o.ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>();
        });
        services.AddHostedService<OAuthTables>();
        services.AddHostedService<TokenPruning>();
        services.AddHostedService<OwnerKeyRotation>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<OAuthDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(urls.Issuer);
                o.SetAuthorizationEndpointUris("oauth/authorize")
                    .SetTokenEndpointUris("oauth/token")
                    .SetRevocationEndpointUris("oauth/revoke")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks.json")
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                o.RequireProofKeyForCodeExchange();
                // OAuth 2.1: S256 only; a `plain` challenge is refused as an invalid request.
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                // One resource, the MCP endpoint. (OpenIddict compares requested resources with Uri.AbsoluteUri, so a
                // bare origin could never be requested in either spelling; every token is for /mcp and REST accepts it too.)
                o.RegisterResources(urls.McpResource);
                // What a token may do is the scopes the owner granted on the consent page (see Access); the ones a client
                // asks for only narrow that, and an unknown one must not break a connector.
                o.RegisterScopes(OAuthScopes.Read, OAuthScopes.Write, OAuthScopes.Mcp, Scopes.OfflineAccess);
                o.DisableScopeValidation();
                o.IgnoreScopePermissions().IgnoreResourcePermissions().IgnoreAudiencePermissions();
                o.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
                // Signed, not encrypted: the access token says only who (the owner), for what (the audience), until when.
                o.DisableAccessTokenEncryption();
                o.SetAccessTokenLifetime(AccessTokenLifetime).SetAuthorizationCodeLifetime(CodeLifetime).SetRefreshTokenLifetime(RefreshTokenLifetime);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends at the reverse proxy; the issuer and every advertised address come from PUBLIC_BASE_URL.
                    .DisableTransportSecurityRequirement();
                o.AddEventHandler(GrantRevocation.Descriptor);
                o.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(b => b.UseInlineHandler(context =>
                {
                    context.Metadata["registration_endpoint"] = urls.Registration;
                    // Public clients (Claude.ai, ChatGPT) authenticate with PKCE alone.
                    context.TokenEndpointAuthenticationMethods.Add("none");
                    return default;
                }));
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                o.AddAudiences(urls.McpResource);
                // Every access token is checked against its stored entry and its grant, so a revoked grant (by the
                // client, by the owner, or by a key rotation) stops working at once, not when its hour runs out.
                o.EnableTokenEntryValidation();
                o.EnableAuthorizationEntryValidation();
            });
        return services;
    }

    public static WebApplication MapMem0OAuth(this WebApplication app)
    {
        foreach (var entry in app.Services.GetRequiredService<RedirectUriAllowlist>().Ignored)
        {
            app.Logger.LogWarning("OAUTH_ALLOWED_REDIRECT_URIS entry ignored: {Entry} (a wildcard must end a full scheme://host/path/ prefix)", entry);
        }
        app.MapProtectedResourceMetadata();
        app.MapClientRegistration();
        app.MapAuthorization();
        app.MapTokenExchange();
        app.MapGrants();
        return app;
    }
}

public static class OAuthScopes
{
    public const string Read = "memories:read";
    public const string Write = "memories:write";

    /// <summary>The first release's one scope, on tokens issued before scopes had meaning: it allows read and write.</summary>
    public const string Mcp = "mcp";
}
