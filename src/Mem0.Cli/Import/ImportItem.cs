using System.Text.Json.Nodes;

namespace Mem0.Cli.Import;

/// <summary>
/// One memory to send: the add body's content or messages, and its metadata; `Label` names it in errors. `OccurredAt`
/// is the item's own time in the export (sent as `occurred_at`, so an old conversation ranks and digests by its date).
/// </summary>
public sealed record ImportItem(string Label, string? Content, IReadOnlyList<(string Role, string Content)>? Messages, JsonObject Metadata,
    DateTimeOffset? OccurredAt = null)
{
    /// <summary>A time an export wrote, read as UTC when it names no zone; null when it is no time or not in 1900..now.</summary>
    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
        && at.Year >= 1900 && at <= DateTimeOffset.UtcNow ? at : null;

    public JsonObject ToBody(string agentId)
    {
        var body = new JsonObject { ["agent_id"] = agentId, ["metadata"] = Metadata.DeepClone() };
        if (OccurredAt is { } at) body["occurred_at"] = at.ToString("O");
        if (Content is not null) body["content"] = Content;
        else body["messages"] = new JsonArray(Messages!.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray());
        return body;
    }
}

/// <summary>An export that cannot be read: says which file and where, before anything is sent.</summary>
public sealed class ImportFormatException(string message) : Exception(message);
