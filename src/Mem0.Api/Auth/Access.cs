using System.Security.Claims;
using Mem0.Api.Auth.OAuth;
using OpenIddict.Abstractions;

namespace Mem0.Api.Auth;

/// <summary>What a route or a tool needs: to read memories, to change them, or the owner's own key.</summary>
public enum Need { Read, Write, Owner }

/// <summary>
/// Who may do what. The static key (MEM0_API_KEY) may do everything. A connector's OAuth token may do what its
/// scopes say: `memories:read` (search, list, get, fetch, history), `memories:write` (add, update, delete); a token of
/// the first release carries `mcp`, which meant both. Bulk delete, index rebuilds, the jobs dashboard and the grants
/// API need the static key: no connector token reaches them, whatever its scopes.
/// </summary>
public static class Access
{
    /// <summary>The claim that marks a request made with the static key itself.</summary>
    public const string CredentialClaim = "mem0_credential";
    public const string StaticKey = "api_key";

    public static string Policy(Need need) => "mem0:" + need.ToString().ToLowerInvariant();

    /// <summary>The scope a connector token needs for <paramref name="need"/>; null for the owner's key only.</summary>
    public static string? Scope(Need need) => need switch
    {
        Need.Read => OAuthScopes.Read,
        Need.Write => OAuthScopes.Write,
        _ => null,
    };

    public static bool IsStaticKey(ClaimsPrincipal user) => user.HasClaim(CredentialClaim, StaticKey);

    /// <summary>The owner, signed in with the static key (a bearer request, or the dashboard's session).</summary>
    public static ClaimsPrincipal StaticKeyPrincipal(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Authorization.Owner), new Claim(CredentialClaim, StaticKey)], scheme));

    public static bool Allows(ClaimsPrincipal user, Need need)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (IsStaticKey(user)) return true;
        return Scope(need) is { } scope && (user.HasScope(scope) || user.HasScope(OAuthScopes.Mcp));
    }

    public static IServiceCollection AddMem0Access(this IServiceCollection services) => services.AddAuthorization(o =>
    {
        foreach (var need in Enum.GetValues<Need>())
        {
            o.AddPolicy(Policy(need), p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => Allows(c.User, need)));
        }
    });

    /// <summary>Every route of the group needs the bearer key or a token whose scopes allow <paramref name="need"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, Need need) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(need)).WithMetadata(new AccessNeed(need));
}

/// <summary>Endpoint metadata: what the route needs, so a refusal can name the missing scope (RFC 6750 §3.1).</summary>
public sealed record AccessNeed(Need Need);
