using System.Text.Json.Nodes;

namespace Mem0.Cli.Import;

/// <summary>One memory to send: the add body's content or messages, and its metadata; `Label` names it in errors.</summary>
public sealed record ImportItem(string Label, string? Content, IReadOnlyList<(string Role, string Content)>? Messages, JsonObject Metadata)
{
    public JsonObject ToBody(string agentId)
    {
        var body = new JsonObject { ["agent_id"] = agentId, ["metadata"] = Metadata.DeepClone() };
        if (Content is not null) body["content"] = Content;
        else body["messages"] = new JsonArray(Messages!.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray());
        return body;
    }
}

/// <summary>An export that cannot be read: says which file and where, before anything is sent.</summary>
public sealed class ImportFormatException(string message) : Exception(message);
