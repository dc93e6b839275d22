using System.Text.Json;
using System.Text.Json.Serialization;
using Mem0.Projections.Memories;

namespace Mem0.Api.Memories;

/// <summary>A memory as every read returns it; `score` only on search results.</summary>
public sealed record MemoryResponse(
    Guid Id,
    string Memory,
    Dictionary<string, JsonElement>? Metadata,
    string? AgentId,
    string? RunId,
    string UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? Score { get; init; }

    /// <summary>The blended similarity-plus-recency value results were sorted by, when `recency_weight` > 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? RerankScore { get; init; }

    /// <summary>The input whose add created or last rewrote it (`GET /api/v1/sources/{id}`).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? SourceId { get; init; }

    /// <summary>When its content happened, when the add said so.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The input itself, when asked for with `include_source`.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Sources.SourceResponse? Source { get; init; }

    /// <summary>The memory's stream version: its `ETag` on get and update, what `If-Match` names.</summary>
    [JsonIgnore]
    public long Version { get; init; }

    /// <summary>The strong entity tag of this version, quoted as HTTP wants it.</summary>
    [JsonIgnore]
    public string ETag => $"\"{Version}\"";

    public static MemoryResponse From(MemoryView v) =>
        new(v.Id, v.Text, v.Metadata, v.AgentId, v.RunId, v.UserId, v.CreatedAt, v.UpdatedAt)
        {
            Version = v.Version, SourceId = v.SourceId, OccurredAt = v.OccurredAt,
        };
}
