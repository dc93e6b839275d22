using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mem0.Tests.Integration.Mcp;

/// <summary>The official C# MCP client over Streamable HTTP to the real host, and helpers to read tool results.</summary>
public static class McpConnection
{
    public static async Task<McpClient> ConnectAsync(this Mem0Host host, string path = "/mcp")
    {
        var http = await host.ReadyAsync();
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, path), TransportMode = HttpTransportMode.StreamableHttp },
            http, NullLoggerFactory.Instance, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    public static Task<CallToolResult> Call(this McpClient client, string tool, object? args = null) =>
        client.CallToolAsync(tool, args is null ? new Dictionary<string, object?>()
            : args.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(args))).AsTask();

    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    public static System.Text.Json.JsonElement Structured(this CallToolResult result)
    {
        Assert.False(result.IsError ?? false, result.Text());
        return System.Text.Json.JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
