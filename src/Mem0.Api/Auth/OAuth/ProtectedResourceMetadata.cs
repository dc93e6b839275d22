namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// RFC 9728 protected-resource metadata: where a client that met a 401 on `/mcp` learns which authorization
/// server to use. Both documents name the MCP endpoint as the resource: it is the one resource tokens are issued
/// for, and the one the 401 header points to; the root copy serves clients that look there first.
/// </summary>
public static class ProtectedResourceMetadata
{
    public static void MapProtectedResourceMetadata(this WebApplication app)
    {
        app.MapGet("/.well-known/oauth-protected-resource", (OAuthUrls urls) => Document(urls)).ExcludeFromDescription();
        app.MapGet("/.well-known/oauth-protected-resource/mcp", (OAuthUrls urls) => Document(urls)).ExcludeFromDescription();
    }

    private static IResult Document(OAuthUrls urls) => Results.Json(new Dictionary<string, object>
    {
        ["resource"] = urls.McpResource,
        ["authorization_servers"] = new[] { urls.Issuer.AbsoluteUri },
        ["bearer_methods_supported"] = new[] { "header" },
        ["scopes_supported"] = new[] { OAuthScopes.Read, OAuthScopes.Write },
        ["resource_name"] = "mem0",
    });
}
