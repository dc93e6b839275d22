using System.Security.Claims;
using Mem0.Api.Auth.Limits;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// `/oauth/authorize`. OpenIddict has already checked the client, the redirect URI, PKCE (S256) and the resource
/// when this runs; what is left is the owner's consent: the right MEM0_API_KEY on the form mints a code. A wrong
/// key shows the form again with 401, which the consent rate limit counts.
/// </summary>
public static class Authorization
{
    public const string Owner = "owner";

    /// <summary>
    /// Read always; write when the owner left it ticked and the client did not ask for read alone (a client that
    /// names no scope, or the first release's `mcp`, gets both, as connectors expect); offline_access always, so a
    /// connector that loses its token never sends the owner back to this page.
    /// </summary>
    public static IEnumerable<string> GrantedScopes(IEnumerable<string> requested, bool ownerAllowsWrite)
    {
        var asked = requested.ToHashSet(StringComparer.Ordinal);
        var readOnlyAsked = asked.Contains(OAuthScopes.Read) && !asked.Contains(OAuthScopes.Write) && !asked.Contains(OAuthScopes.Mcp);
        yield return OAuthScopes.Read;
        if (ownerAllowsWrite && !readOnlyAsked) yield return OAuthScopes.Write;
        yield return Scopes.OfflineAccess;
    }

    public static void MapAuthorization(this WebApplication app) =>
        app.MapMethods("/oauth/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription().DisableAntiforgery();

    private static async Task<IResult> AuthorizeAsync(HttpContext http, ApiKey apiKey, IOpenIddictApplicationManager applications, OAuthUrls urls,
        AuthFailureLimiter limiter, AuthSurfaces surfaces)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenIddict authorization request is missing; is the endpoint registered?");
        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
        var clientName = (application is null ? null : await applications.GetDisplayNameAsync(application, http.RequestAborted)) ?? request.ClientId!;

        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType) return ConsentPage.Render(request, clientName, null, StatusCodes.Status200OK);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var key = form[ConsentPage.KeyField].ToString();
        if (!apiKey.Matches(key))
        {
            // A wrong key counts, in the same step as the check, so parallel guesses cannot all get a 401 to learn from.
            if (key.Length > 0 && limiter.Fail(surfaces.Consent, http) is { } wait)
            {
                await AuthFailureLimitMiddleware.WriteRefusalAsync(http, surfaces.Consent, wait);
                return Results.Empty;
            }
            return ConsentPage.Render(request, clientName, "That is not this server's API key.", StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, Owner).SetClaim(Claims.Name, Owner);
        // offline_access always: a connector that loses its token must not send the owner back to this page.
        identity.SetScopes(GrantedScopes(request.GetScopes(), ownerAllowsWrite: form[ConsentPage.WriteField].ToString() == "yes"));
        var resources = request.GetResources();
        identity.SetResources(resources.IsDefaultOrEmpty ? [urls.McpResource] : resources);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
