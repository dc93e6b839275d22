using Mem0.Api.Auth;
using Mem0.Api.Health;

namespace Mem0.Api.Mcp;

public static class McpSetup
{
    public const string Path = "/mcp";

    /// <summary>Stateless Streamable HTTP (the current specification has no sessions) with the eight tools.</summary>
    public static IServiceCollection AddMem0Mcp(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "mem0", Title = "mem0 long-term memory", Version = HealthEndpoint.Version })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<MemoryTools>(ToolResults.Json)
            .WithTools<ConnectorTools>(ToolResults.Json);
        return services;
    }

    /// <summary>The origin check, placed before authentication so a rebinding page is refused before anything else.</summary>
    public static void UseMem0McpOriginCheck(this WebApplication app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.UseMiddleware<McpOriginCheck>());

    /// <summary>
    /// `/mcp` (and `/mcp/`) behind the same credentials as REST: reading needs `memories:read`; each tool call that
    /// changes memories is checked for `memories:write` by <see cref="McpScopeCheck"/>.
    /// </summary>
    public static void MapMem0Mcp(this WebApplication app)
    {
        app.MapMcp(Path)
            .RequireAccess(Need.Read)
            .WithTags("mcp");
    }

    /// <summary>After authorization: the principal is known, the tool is read from the JSON-RPC body.</summary>
    public static void UseMem0McpScopeCheck(this WebApplication app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path) && HttpMethods.IsPost(http.Request.Method),
            branch => branch.UseMiddleware<McpScopeCheck>());
}
