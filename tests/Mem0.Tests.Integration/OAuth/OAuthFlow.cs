using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>
/// What a connector does, step by step, with a plain HTTP client that never follows redirects (the redirect to the
/// client's callback is where the code is read). One RSA key per test run signs the server's tokens.
/// </summary>
public sealed partial class OAuthFlow(HttpClient http, string resource = OAuthFlow.Resource)
{
    public const string ClaudeCallback = "https://claude.ai/api/mcp/auth_callback";
    public const string Resource = "http://localhost/mcp";

    public static readonly RSA SigningKey = RSA.Create(2048);

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            // As an operator pastes it into a one-line variable.
            ["OAUTH_SIGNING_KEY"] = SigningKey.ExportPkcs8PrivateKeyPem().Replace("\n", "\\n"),
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public static OAuthFlow For(Mem0Host host) =>
        new(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public HttpClient Http => http;

    /// <summary>The MCP endpoint the tokens are for: the lab host's, or a deployment's public one.</summary>
    public string ResourceUrl => resource;

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
    public string Challenge => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public async Task<string> RegisterAsync(string redirectUri = ClaudeCallback)
    {
        var reply = await http.PostJson("/oauth/register", new
        {
            client_name = "Claude",
            redirect_uris = new[] { redirectUri },
            grant_types = new[] { "authorization_code", "refresh_token" },
            response_types = new[] { "code" },
            token_endpoint_auth_method = "none",
        });
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body.ToString());
        return reply.Text("client_id");
    }

    public string AuthorizeQuery(string clientId, string? method = "S256", string? challenge = null, string? resource = null,
        string redirectUri = ClaudeCallback)
    {
        resource ??= ResourceUrl;
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = "mcp",
            ["state"] = "st-" + Guid.NewGuid().ToString("N")[..8],
            ["resource"] = resource,
            ["code_challenge"] = method is null ? null : challenge ?? Challenge,
            ["code_challenge_method"] = method,
        };
        return "/oauth/authorize?" + string.Join("&", query.Where(kv => kv.Value is not null)
            .Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
    }

    /// <summary>
    /// GETs the consent form and posts it back with the given key, as a browser would: the "also allow changes" box
    /// comes checked, and <paramref name="allowWrite"/> false is the owner unticking it.
    /// </summary>
    public async Task<HttpResponseMessage> ConsentAsync(string authorizeQuery, string key, string? forwardedFor = null, bool allowWrite = true)
    {
        using var page = await http.GetAsync(authorizeQuery);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("MEM0_API_KEY", html);
        Assert.Contains("""<input type="checkbox" name="mem0_allow_write" value="yes" checked>""", html);
        return await PostConsentAsync(HiddenFields(html), key, forwardedFor, allowWrite);
    }

    public Task<HttpResponseMessage> PostConsentAsync(List<KeyValuePair<string, string>> fields, string key, string? forwardedFor = null,
        bool allowWrite = true)
    {
        var form = fields.Append(new("mem0_api_key", key));
        if (allowWrite) form = form.Append(new("mem0_allow_write", "yes"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(form) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    public static List<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    /// <summary>The query parameters of a redirect to the client's callback.</summary>
    public static Dictionary<string, string> CallbackParameters(HttpResponseMessage redirect, string callback = ClaudeCallback)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(callback + "?", location.AbsoluteUri);
        return location.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
    }

    /// <summary>
    /// An authorization error: at the client's callback when OpenIddict trusts the redirect URI by then, otherwise
    /// a 400 with OpenIddict's `name:value` lines (it never redirects to an address it has not verified).
    /// </summary>
    public static async Task<Dictionary<string, string>> ErrorAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect) return CallbackParameters(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    public async Task<string> CodeAsync(string clientId, string key, bool allowWrite = true)
    {
        using var redirect = await ConsentAsync(AuthorizeQuery(clientId), key, allowWrite: allowWrite);
        return CallbackParameters(redirect)["code"];
    }

    public Task<JsonReply> TokenAsync(Dictionary<string, string> form, string? forwardedFor = null, string path = "/oauth/token")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return SendAsync(request);
    }

    public Task<JsonReply> ExchangeCodeAsync(string clientId, string code, string? verifier = null) => TokenAsync(new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = clientId,
        ["code"] = code,
        ["redirect_uri"] = ClaudeCallback,
        ["code_verifier"] = verifier ?? Verifier,
        ["resource"] = ResourceUrl,
    });

    public Task<JsonReply> RefreshAsync(string clientId, string refreshToken) => TokenAsync(new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = clientId,
        ["refresh_token"] = refreshToken,
        ["resource"] = ResourceUrl,
    });

    /// <summary>A connector's whole first visit: register, the owner's consent, the code exchanged for tokens.</summary>
    public async Task<(string ClientId, string Access, string Refresh)> ConnectAsync(string apiKey, bool allowWrite = true)
    {
        var clientId = await RegisterAsync();
        var tokens = await ExchangeCodeAsync(clientId, await CodeAsync(clientId, apiKey, allowWrite));
        Assert.True(tokens.Status == HttpStatusCode.OK, tokens.Body.ToString());
        return (clientId, tokens.Text("access_token"), tokens.Text("refresh_token"));
    }

    /// <summary>tools/call as a bare JSON-RPC POST.</summary>
    public Task<HttpResponseMessage> ToolCallAsync(string accessToken, string tool, object arguments) =>
        McpAsync(accessToken, JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 2, method = "tools/call", @params = new { name = tool, arguments } }));

    /// <summary>tools/list as a bare JSON-RPC POST, as any Streamable HTTP client sends it.</summary>
    public Task<HttpResponseMessage> ToolsListAsync(string accessToken) =>
        McpAsync(accessToken, """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""");

    private async Task<HttpResponseMessage> McpAsync(string accessToken, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    public async Task<JsonReply> SendAsync(HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new JsonReply(response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone(), response);
    }

    /// <summary>
    /// The official SDK client's OAuth settings with this flow as the owner's browser: it shows
    /// <paramref name="inspect"/> the authorization URL, reads the consent page, types the key, and hands the SDK the
    /// code from the redirect (the SDK checks its `iss` (RFC 9207) and `state` against what it sent).
    /// </summary>
    public ModelContextProtocol.Authentication.ClientOAuthOptions SdkOptions(string apiKey, string clientName, Action<Uri> inspect) => new()
    {
        RedirectUri = new Uri(ClaudeCallback),
        DynamicClientRegistration = new ModelContextProtocol.Authentication.DynamicClientRegistrationOptions { ClientName = clientName },
        AuthorizationCallbackHandler = async (context, ct) =>
        {
            inspect(context.AuthorizationUri);
            using var redirect = await ConsentAsync(context.AuthorizationUri.PathAndQuery, apiKey);
            var callback = CallbackParameters(redirect, context.RedirectUri.AbsoluteUri);
            return new ModelContextProtocol.Authentication.AuthorizationResult
            {
                Code = callback["code"], State = callback.GetValueOrDefault("state"), Iss = callback.GetValueOrDefault("iss"),
            };
        },
    };

    [GeneratedRegex("""<input type="hidden" name="([^"]*)" value="([^"]*)">""")]
    private static partial Regex HiddenInput();
}
