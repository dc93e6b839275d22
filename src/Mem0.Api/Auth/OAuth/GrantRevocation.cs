using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// A client that revokes its refresh token (signing out) ends its whole grant: the grant and every token issued
/// under it, so its access token stops working at once too (RFC 7009 §2.1: "SHOULD also invalidate all access
/// tokens based on the same authorization grant"). Runs after OpenIddict revoked the token itself.
/// </summary>
public sealed class GrantRevocation(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<GrantRevocation>()
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        var principal = context.GenericTokenPrincipal;
        if (principal is null || !principal.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.RefreshToken)) return;
        if (principal.GetAuthorizationId() is not { } id) return;
        await Grants.RevokeAsync(authorizations, tokens, id, context.CancellationToken);
    }
}
