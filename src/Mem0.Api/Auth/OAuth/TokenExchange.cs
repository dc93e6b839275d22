using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// `/oauth/token`. OpenIddict has verified the code (unused, unexpired, this client's, this redirect URI), the PKCE
/// verifier, or the refresh token (rotated: the old one is spent) before this runs; the grant is re-issued to the
/// same owner and audience.
/// </summary>
public static class TokenExchange
{
    public static void MapTokenExchange(this WebApplication app) =>
        app.MapPost("/oauth/token", (Delegate)(Func<HttpContext, Task<IResult>>)ExchangeAsync).ExcludeFromDescription().DisableAntiforgery();

    private static async Task<IResult> ExchangeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenIddict token request is missing; is the endpoint registered?");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(OpenIddictConstants.Errors.UnsupportedGrantType, "Only authorization_code and refresh_token grants are supported.");
        }
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal) return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The code or refresh token is no longer valid.");
        principal.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
