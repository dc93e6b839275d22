using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.Mcp;
using Microsoft.Extensions.Logging.Abstractions;
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
            // The "browser": the owner reads the consent page and types the key; the code comes back on the redirect.
            OAuth = browser.SdkOptions(host.ApiKey, "sdk test client", authorize =>
            {
                Interlocked.Increment(ref consentPages);
                Assert.Equal(OAuthFlow.Resource, System.Web.HttpUtility.ParseQueryString(authorize.Query)["resource"]);
            }),
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
