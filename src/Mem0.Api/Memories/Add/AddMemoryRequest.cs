using System.Text.Json;
using Mem0.Api.Validation;

namespace Mem0.Api.Memories.Add;

public sealed record ChatMessageBody(string? Role, string? Content);

/// <summary>
/// `content` or `messages`, plus provenance. `dedup` defaults to true. `occurred_at` (ISO 8601) says when the content
/// happened, for imports of old conversations: recency, `list` order and the digest read it, and the extraction
/// prompt resolves "last week" against it.
/// </summary>
public sealed record AddMemoryRequest(
    string? Content,
    List<ChatMessageBody>? Messages = null,
    string? AgentId = null,
    string? RunId = null,
    Dictionary<string, JsonElement>? Metadata = null,
    string? UserId = null,
    bool? Dedup = null,
    DateTimeOffset? OccurredAt = null) : IValidatable
{
    public string? Validate()
    {
        if (Content is not null && Messages is not null) return "Give either content or messages, not both.";
        if (Content is null && Messages is null) return "content or messages is required.";
        if (Content is not null)
        {
            if (string.IsNullOrWhiteSpace(Content)) return "content must not be empty.";
            if (Content.Length > Limits.MaxContentChars) return $"content must be at most {Limits.MaxContentChars} characters.";
            if (Limits.Text(Content, "content") is { } text) return text;
        }
        if (Messages is not null)
        {
            if (Messages.Count == 0) return "messages must hold at least one message.";
            if (Messages.Count > Limits.MaxMessages) return $"messages may hold at most {Limits.MaxMessages} messages.";
            for (var i = 0; i < Messages.Count; i++)
            {
                var m = Messages[i];
                if (m is null || string.IsNullOrWhiteSpace(m.Role)) return $"messages[{i}].role is required.";
                if (!Limits.Roles.Contains(m.Role)) return $"messages[{i}].role must be one of {string.Join(", ", Limits.Roles)}.";
                if (m.Content is null) return $"messages[{i}].content is required.";
                if (Limits.Text(m.Content, $"messages[{i}].content") is { } text) return text;
            }
            if (Messages.Sum(m => m.Content!.Length) > Limits.MaxContentChars)
            {
                return $"messages must hold at most {Limits.MaxContentChars} characters in all.";
            }
        }
        if (OccurredAt is { } at && (at.Year < 1900 || at > DateTimeOffset.UtcNow.AddDays(1)))
        {
            return "occurred_at must be a time between 1900 and now.";
        }
        return Limits.Tag(AgentId, "agent_id") ?? Limits.Tag(RunId, "run_id") ?? Limits.Tag(UserId, "user_id") ?? Limits.Metadata(Metadata);
    }
}
