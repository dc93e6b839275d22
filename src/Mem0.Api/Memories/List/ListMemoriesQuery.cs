using Mem0.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Memories.List;

/// <summary>Query parameters of `GET /api/v1/memories`, all optional.</summary>
public sealed class ListMemoriesQuery : IValidatable
{
    [FromQuery(Name = "agent_id")] public string? AgentId { get; init; }
    [FromQuery(Name = "run_id")] public string? RunId { get; init; }
    [FromQuery(Name = "user_id")] public string? UserId { get; init; }
    [FromQuery(Name = "source")] public string? Source { get; init; }
    [FromQuery(Name = "confidence")] public string? Confidence { get; init; }
    [FromQuery(Name = "review_status")] public string? ReviewStatus { get; init; }
    [FromQuery(Name = "exclude_expired")] public bool? ExcludeExpired { get; init; }
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
    [FromQuery(Name = "offset")] public int? Offset { get; init; }

    /// <summary>The store as it was at this time (ISO 8601): the memories that existed then, as they read then.</summary>
    [FromQuery(Name = "as_of")] public DateTimeOffset? AsOf { get; init; }

    public string? Validate() =>
        Limit is < 1 or > Limits.MaxListLimit ? $"limit must be between 1 and {Limits.MaxListLimit}."
        : Offset is < 0 or > Limits.MaxOffset ? $"offset must be between 0 and {Limits.MaxOffset}."
        : Limits.Tag(AgentId, "agent_id") ?? Limits.Tag(RunId, "run_id") ?? Limits.Tag(UserId, "user_id")
          ?? Limits.Tag(Source, "source") ?? Limits.Tag(Confidence, "confidence") ?? Limits.Tag(ReviewStatus, "review_status");
}
