using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Mem0.Api.Mcp;

/// <summary>A tool's answer twice: structured content in the REST shape (snake_case), and a text block for reading.</summary>
public static class ToolResults
{
    public static readonly JsonSerializerOptions Json = new(ModelContextProtocol.McpJsonUtilities.DefaultOptions)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static CallToolResult Of<T>(T structured, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(structured, Json),
    };
}
