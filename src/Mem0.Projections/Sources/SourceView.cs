using System.Text.Json;
using Marten.Events.Aggregation;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;

namespace Mem0.Projections.Sources;

/// <summary>
/// One input an add took, as `GET /api/v1/sources/{id}` shows it: what was said and the changes it caused. Projected
/// inline from the source's stream; forgetting the source removes it. `ProducedNothing` inputs answer a repeat as
/// duplicates (those that produced memories are found through the memories' own content key).
/// </summary>
public sealed class SourceView
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public string? Content { get; set; }
    public List<ChatMessage>? Messages { get; set; }
    public string? AgentId { get; set; }
    public string? RunId { get; set; }
    public Dictionary<string, JsonElement>? Metadata { get; set; }
    public string Surface { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? OccurredAt { get; set; }
    public List<SourceChange> Changes { get; set; } = [];
    public bool ProducedNothing { get; set; }
}

public sealed class SourceViewProjection : SingleStreamProjection<SourceView, Guid>
{
    public static SourceView Create(SourceRecorded e) => new()
    {
        Id = e.SourceId,
        UserId = e.UserId,
        Fingerprint = e.Fingerprint,
        Content = e.Content,
        Messages = e.Messages?.ToList(),
        AgentId = e.AgentId,
        RunId = e.RunId,
        Metadata = e.Metadata,
        Surface = e.Surface,
        CreatedAt = e.At,
        OccurredAt = e.OccurredAt,
        Changes = e.Changes.ToList(),
        ProducedNothing = e.Changes.Count == 0,
    };

    public static bool ShouldDelete(SourceForgotten _) => true;
}
