using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Mem0.Api.Auth;
using Microsoft.AspNetCore.Authentication;

namespace Mem0.Api.Ui;

/// <summary>
/// The console's sign-in: the owner types MEM0_API_KEY once and gets a session cookie locked down as
/// <see cref="SessionCookies"/> says, scoped to `/ui`. The cookie holds a stamp of
/// the key it was given for: when the owner rotates MEM0_API_KEY, every console session ends with it.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "Mem0Console";
    public const string CookieName = "mem0_console";
    public const string Path = "/ui";
    public const string SignInPath = "/ui/sign-in";
    public const string Policy = "mem0:console";
    private const string StampClaim = "mem0_key_stamp";

    public static AuthenticationBuilder AddMem0ConsoleSession(this AuthenticationBuilder authentication)
    {
        authentication.AddCookie(Scheme, o =>
        {
            SessionCookies.LockDown(o, CookieName, Path);
            o.LoginPath = SignInPath;
            o.ReturnUrlParameter = "return";
            o.Events.OnValidatePrincipal = async c =>
            {
                var key = c.HttpContext.RequestServices.GetRequiredService<ApiKey>();
                if (c.Principal?.FindFirstValue(StampClaim) == Stamp(key)) return;
                c.RejectPrincipal();
                await c.HttpContext.SignOutAsync(Scheme);
            };
        });
        authentication.Services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser().RequireClaim(Access.CredentialClaim, Access.StaticKey)));
        return authentication;
    }

    /// <summary>The owner, as the console's cookie carries them.</summary>
    public static ClaimsPrincipal Principal(ApiKey key)
    {
        var principal = Access.StaticKeyPrincipal(Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(StampClaim, Stamp(key)));
        return principal;
    }

    /// <summary>Names the key without revealing it (the cookie is sealed as well): a digest of a fixed label and the key.</summary>
    private static string Stamp(ApiKey key) => Convert.ToBase64String(key.Digest("mem0-console-session")[..16]);
}
