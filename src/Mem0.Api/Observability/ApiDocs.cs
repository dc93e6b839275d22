using Scalar.AspNetCore;

namespace Mem0.Api.Observability;

/// <summary>The OpenAPI document at `/docs/openapi.json` and an interactive page at `/docs`, both without auth.</summary>
public static class ApiDocs
{
    public const string DocumentPath = "/docs/openapi.json";

    public static IServiceCollection AddMem0Docs(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "mem0-server";
            doc.Info.Description = "Long-term memory for AI agents: REST under /api/v1 (bearer key), MCP at /mcp. " +
                "Every failure has the shape {\"detail\", \"error\", \"request_id\"}.";
            return Task.CompletedTask;
        }));

    public static void MapMem0Docs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithOpenApiRoutePattern(DocumentPath).WithTitle("mem0-server API")).AllowAnonymous();
    }
}
