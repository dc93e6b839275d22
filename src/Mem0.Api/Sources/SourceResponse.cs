using System.Text.Json;
using System.Text.Json.Serialization;
using Mem0.Contracts.Model;
using Mem0.Projections.Memories;
using Mem0.Projections.Sources;

namespace Mem0.Api.Sources;

/// <summary>One change an input caused, with the memory as it reads now (`memory` null when it is deleted).</summary>
public sealed record SourceMemory(Guid Id, string Event, long Version, string? Memory, bool Deleted);

/// <summary>
/// An input as an add took it: the content or messages, who sent it through which surface, when the store took it
/// (`created_at`) and when it happened (`occurred_at`). `memories` (the changes it caused) only on the source's own read.
/// </summary>
public sealed record SourceResponse(
    Guid Id,
    string UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChatMessage>? Messages,
    string? AgentId,
    string? RunId,
    Dictionary<string, JsonElement>? Metadata,
    string Surface,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OccurredAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SourceMemory>? Memories { get; init; }

    public static SourceResponse From(SourceView s) =>
        new(s.Id, s.UserId, s.Content, s.Messages, s.AgentId, s.RunId, s.Metadata, s.Surface, s.CreatedAt, s.OccurredAt);

    public static SourceResponse WithMemories(SourceView s, IReadOnlyDictionary<Guid, MemoryView> live) => From(s) with
    {
        Memories = s.Changes.Select(c => new SourceMemory(c.MemoryId, c.Event, c.Version, live.GetValueOrDefault(c.MemoryId)?.Text,
            !live.ContainsKey(c.MemoryId))).ToList(),
    };
}
