using Mem0.Api.Validation;

namespace Mem0.Api.Memories.Search;

/// <summary>
/// The guide's search body, plus `mode: hybrid`, `as_of` (search the store as it was at that time: the memories that
/// existed then, their texts then, recency measured from then) and `include_source` (each result with its input).
/// </summary>
public sealed record SearchMemoriesRequest(
    string? Query,
    int? Limit = null,
    string? AgentId = null,
    string? RunId = null,
    string? UserId = null,
    string? Source = null,
    string? Confidence = null,
    string? ReviewStatus = null,
    bool? ExcludeExpired = null,
    double? RecencyWeight = null,
    double? RecencyHalfLifeDays = null,
    string? Mode = null,
    DateTimeOffset? AsOf = null,
    bool? IncludeSource = null) : IValidatable
{
    public const string Semantic = "semantic";
    public const string Keyword = "keyword";
    public const string Hybrid = "hybrid";

    public string? Validate() =>
        string.IsNullOrWhiteSpace(Query) ? "query is required and must not be empty."
        : Query.Length > Limits.MaxQueryChars ? $"query must be at most {Limits.MaxQueryChars} characters."
        : Limits.Text(Query, "query") is { } text ? text
        : Limit is < 1 or > Limits.MaxSearchLimit ? $"limit must be between 1 and {Limits.MaxSearchLimit}."
        : Mode is not (null or Semantic or Keyword or Hybrid) ? "mode must be semantic, keyword or hybrid."
        : RecencyWeight is < 0 or > 1 || RecencyWeight is double.NaN ? "recency_weight must be between 0 and 1."
        : RecencyHalfLifeDays is <= 0 or > 36_500 || RecencyHalfLifeDays is double.NaN ? "recency_half_life_days must be greater than 0 and at most 36500."
        : Limits.Tag(AgentId, "agent_id") ?? Limits.Tag(RunId, "run_id") ?? Limits.Tag(UserId, "user_id")
          ?? Limits.Tag(Source, "source") ?? Limits.Tag(Confidence, "confidence") ?? Limits.Tag(ReviewStatus, "review_status");
}
