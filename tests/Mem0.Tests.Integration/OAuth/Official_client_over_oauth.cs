using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.Mcp;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>
/// The official C# MCP client with its own OAuth support, given nothing but the /mcp address and a way to show the
/// consent page: it must find the metadata, register itself, run PKCE with the resource, and call tools.
/// </summary>
public sealed class Official_client_over_oauth
{
    [Fact]
    public async Task The_sdk_client_discovers_registers_authorizes_and_calls_tools()
    {
        await using var host = new Mem0Host(null, OAuthFlow.Settings());
        await host.ReadyAsync();
        var browser = OAuthFlow.For(host);
        var consentPages = 0;
        var http = host.CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri(OAuthFlow.ClaudeCallback),
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "sdk test client" },
                // The "browser": the owner reads the consent page and types the key; the code comes back on the redirect.
                // Issuer-aware: the SDK checks the redirect's `iss` (RFC 9207) and `state` against what it sent.
                AuthorizationCallbackHandler = async (context, ct) =>
                {
                    Interlocked.Increment(ref consentPages);
                    Assert.Equal(OAuthFlow.Resource, System.Web.HttpUtility.ParseQueryString(context.AuthorizationUri.Query)["resource"]);
                    using var redirect = await browser.ConsentAsync(context.AuthorizationUri.PathAndQuery, host.ApiKey);
                    var callback = OAuthFlow.CallbackParameters(redirect, context.RedirectUri.AbsoluteUri);
                    return new AuthorizationResult { Code = callback["code"], State = callback.GetValueOrDefault("state"), Iss = callback.GetValueOrDefault("iss") };
                },
            },
        }, http, NullLoggerFactory.Instance, ownsHttpClient: true);

        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "add_memory");
        var added = await client.Call("add_memory", new { content = "Prefers green tea over coffee in the afternoon" });
        Assert.False(added.IsError ?? false, added.Text());
        var found = await client.Call("search_memories", new { query = "what tea does the user like" });
        Assert.Contains("green tea", found.Text());
        Assert.Equal(1, consentPages);
    }
}
