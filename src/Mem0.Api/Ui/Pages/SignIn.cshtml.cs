using Mem0.Api.Auth;
using Mem0.Api.Auth.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Ui.Pages;

/// <summary>
/// The key, typed once, checked in constant time; a wrong one counts against the client's failures like a wrong bearer
/// token (then 429 until the window passes). The key is never echoed back into the page.
/// </summary>
public sealed class SignInModel(ApiKey apiKey, AuthFailureLimiter limiter, AuthSurfaces surfaces) : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "return")]
    public string? Return { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "key")] string? key)
    {
        if (string.IsNullOrEmpty(key) || !apiKey.Matches(key))
        {
            if (limiter.Fail(surfaces.Rest, HttpContext) is { } wait)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Refuse($"Too many wrong keys from this address. Try again in {seconds} s.", StatusCodes.Status429TooManyRequests);
                return Page();
            }
            Refuse("That is not this server's API key.", StatusCodes.Status401Unauthorized);
            return Page();
        }
        await HttpContext.SignInAsync(ConsoleSession.Scheme, ConsoleSession.Principal(apiKey));
        // Only a page of the console itself: never an open redirect to another site.
        var target = Return is { Length: > 0 } r && Url.IsLocalUrl(r) && (r == ConsoleSession.Path || r.StartsWith(ConsoleSession.Path + "/", StringComparison.Ordinal))
            ? r : ConsoleSession.Path;
        return LocalRedirect(target);
    }
}
