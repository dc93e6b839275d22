using System.Reflection;
using System.Text.Json;
using Mem0.Api.Auth;
using ModelContextProtocol.Server;

namespace Mem0.Api.Mcp;

/// <summary>
/// MCP's half of the scopes: a `tools/call` of a tool that changes memories needs `memories:write`, refused like
/// REST, at the HTTP level, with 403 and `WWW-Authenticate: Bearer error="insufficient_scope", scope="memories:write"`
/// (as the MCP authorization specification asks), so a client can step up. A tool is read-only only when it says so
/// (`ReadOnly = true` on its attribute); any other tool, including one added later, needs write.
/// </summary>
public sealed class McpScopeCheck(RequestDelegate next)
{
    private static readonly HashSet<string> ReadOnlyTools = typeof(MemoryTools).GetMethods().Concat(typeof(ConnectorTools).GetMethods())
        .Select(m => m.GetCustomAttribute<McpServerToolAttribute>()).OfType<McpServerToolAttribute>()
        .Where(a => a.ReadOnly).Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    /// <summary>A JSON-RPC message of ours is small; a read-only token's body larger than this is refused unread.</summary>
    private const int MaxInspectedBytes = 1 << 20;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true || Access.Allows(http.User, Need.Write))
        {
            await next(http);
            return;
        }
        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxInspectedBytes);
        var writes = await CallsAWriteToolAsync(http);
        if (writes)
        {
            await Auth.ApiKeyAuthenticationHandler.WriteInsufficientScopeAsync(http, Need.Write);
            return;
        }
        http.Request.Body.Position = 0;
        await next(http);
    }

    private static async Task<bool> CallsAWriteToolAsync(HttpContext http)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var messages = body.RootElement.ValueKind == JsonValueKind.Array ? body.RootElement.EnumerateArray().ToList() : [body.RootElement];
            return messages.Any(IsWriteCall);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            // Not JSON, or larger than any call of ours: what it would call cannot be read, so it gets no further
            // than a token that may write would.
            return true;
        }
    }

    private static bool IsWriteCall(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String && method.GetString() == "tools/call"
        && !(message.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
             && p.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && ReadOnlyTools.Contains(name.GetString()!));
}
