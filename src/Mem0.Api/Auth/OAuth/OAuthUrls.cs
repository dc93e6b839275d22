namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Every public address of the authorization server and the protected resource, built from PUBLIC_BASE_URL
/// alone: clients compare origins, so the issuer, the resource and the metadata links must agree exactly.
/// </summary>
public sealed class OAuthUrls(string publicBaseUrl)
{
    private readonly string _base = publicBaseUrl.TrimEnd('/');

    /// <summary>The issuer as OpenIddict writes it (a root URL keeps its trailing slash).</summary>
    public Uri Issuer => new(_base + "/");

    /// <summary>The MCP endpoint, the resource Claude.ai and ChatGPT ask tokens for (RFC 8707).</summary>
    public string McpResource => _base + "/mcp";

    public string Registration => _base + "/oauth/register";

    public string ResourceMetadata(bool mcp) => _base + "/.well-known/oauth-protected-resource" + (mcp ? "/mcp" : "");
}
