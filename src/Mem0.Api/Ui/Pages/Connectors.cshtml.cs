using Mem0.Api.Auth.OAuth;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;

namespace Mem0.Api.Ui.Pages;

/// <summary>
/// The connectors let in with OAuth (Claude.ai, ChatGPT…): each grant in force with its scopes, when it was given and
/// last used, and a revoke that ends it and every token under it at once. Without OAuth, how to turn it on.
/// </summary>
public sealed class ConnectorsModel(IServiceProvider services) : ConsolePage
{
    private IOpenIddictAuthorizationManager? Authorizations => services.GetService<IOpenIddictAuthorizationManager>();

    public bool OAuthOn => Authorizations is not null;
    public IReadOnlyList<GrantView> Grants { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync([FromForm(Name = "grant")] string? grant, CancellationToken ct)
    {
        if (Authorizations is { } authorizations && grant is { Length: > 0 } &&
            await Auth.OAuth.Grants.RevokeInForceAsync(authorizations, services.GetRequiredService<IOpenIddictTokenManager>(), grant, ct))
        {
            return Back("/ui/connectors", "Revoked: that connector's tokens stop working now; it must be connected again.");
        }
        Refuse("No grant in force has this id (revoked already?).", StatusCodes.Status404NotFound);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Authorizations is not { } authorizations) return;
        Grants = await Auth.OAuth.Grants.InForceAsync(authorizations, services.GetRequiredService<IOpenIddictApplicationManager>(),
            services.GetRequiredService<IOpenIddictTokenManager>(), ct);
    }
}
