using Mem0.Api.Errors;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mem0.Api.Auth.OAuth;

/// <summary>One connector grant as the owner sees it: who, where it is sent back, what it may do, when given and last used.</summary>
public sealed record GrantView(
    string Id, string? ClientId, string? ClientName, string? RedirectHost, IReadOnlyList<string> Scopes, DateTimeOffset? CreatedAt,
    DateTimeOffset? LastUsedAt);

/// <summary>
/// `GET /api/v1/oauth/grants` lists the grants still in force; `DELETE /api/v1/oauth/grants/{id}` ends one (the
/// grant and every token under it, so its access token stops at once). The owner's key only. A grant is what one
/// consent gave one connector; "last used" is when it last got a token (its consent or its latest refresh).
/// </summary>
public static class Grants
{
    public static void MapGrants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/oauth/grants").RequireAccess(Need.Owner).WithTags("oauth").ProducesErrors();
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications,
        IOpenIddictTokenManager tokens, CancellationToken ct) =>
        Results.Ok(await InForceAsync(authorizations, applications, tokens, ct));

    /// <summary>The grants still in force, the most recently used first: the API's list and the console's.</summary>
    public static async Task<IReadOnlyList<GrantView>> InForceAsync(IOpenIddictAuthorizationManager authorizations,
        IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, CancellationToken ct)
    {
        var grants = new List<GrantView>();
        foreach (var authorization in await OAuthRows.AllAsync(authorizations.ListAsync(count: null, offset: null, ct)))
        {
            if (await authorizations.GetStatusAsync(authorization, ct) == Statuses.Valid) grants.Add(await ViewAsync(authorization, authorizations, applications, tokens, ct));
        }
        return grants.OrderByDescending(g => g.LastUsedAt ?? g.CreatedAt).ToList();
    }

    /// <summary>Ends the grant <paramref name="id"/> when it is in force; false when there is none such.</summary>
    public static async Task<bool> RevokeInForceAsync(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, string id,
        CancellationToken ct)
    {
        if (await authorizations.FindByIdAsync(id, ct) is not { } authorization ||
            await authorizations.GetStatusAsync(authorization, ct) != Statuses.Valid)
        {
            return false;
        }
        await RevokeAsync(authorizations, tokens, id, ct);
        return true;
    }

    private static async Task<IResult> DeleteAsync(string id, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens,
        HttpContext http, CancellationToken ct)
    {
        if (!await RevokeInForceAsync(authorizations, tokens, id, ct))
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No grant in force has this id.");
            return Results.Empty;
        }
        return Results.Ok(new { id, revoked = true });
    }

    /// <summary>Ends a grant and every token issued under it.</summary>
    public static async Task RevokeAsync(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, string id, CancellationToken ct)
    {
        if (await authorizations.FindByIdAsync(id, ct) is { } authorization) await authorizations.TryRevokeAsync(authorization, ct);
        await tokens.RevokeByAuthorizationIdAsync(id, ct);
    }

    private static async Task<GrantView> ViewAsync(object authorization, IOpenIddictAuthorizationManager authorizations,
        IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, CancellationToken ct)
    {
        var id = (await authorizations.GetIdAsync(authorization, ct))!;
        var applicationId = await authorizations.GetApplicationIdAsync(authorization, ct);
        var application = applicationId is null ? null : await applications.FindByIdAsync(applicationId, ct);
        string? clientId = null, clientName = null, redirectHost = null;
        if (application is not null)
        {
            clientId = await applications.GetClientIdAsync(application, ct);
            clientName = await applications.GetDisplayNameAsync(application, ct);
            var redirect = (await applications.GetRedirectUrisAsync(application, ct)).FirstOrDefault();
            redirectHost = Uri.TryCreate(redirect, UriKind.Absolute, out var uri) ? uri.Host : null;
        }
        var lastUsed = await OAuthRows.LatestAsync(tokens.FindByAuthorizationIdAsync(id, ct), t => tokens.GetCreationDateAsync(t, ct));
        // Token dates are whole seconds (a JWT's `iat`), the grant's are not: the consent is its first use.
        var given = await authorizations.GetCreationDateAsync(authorization, ct);
        if (given is not null && (lastUsed is null || lastUsed < given)) lastUsed = given;
        return new GrantView(id, clientId, clientName, redirectHost, (await authorizations.GetScopesAsync(authorization, ct)).ToList(),
            given, lastUsed);
    }
}
