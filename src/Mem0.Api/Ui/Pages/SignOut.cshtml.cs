using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Ui.Pages;

/// <summary>Ends the console session (a POST with the antiforgery token: another site cannot sign the owner out).</summary>
public sealed class SignOutModel : ConsolePage
{
    public IActionResult OnGet() => Redirect(ConsoleSession.Path);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSession.Scheme);
        return Redirect(ConsoleSession.SignInPath);
    }
}
