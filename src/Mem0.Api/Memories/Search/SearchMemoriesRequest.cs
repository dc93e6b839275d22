using Mem0.Api.Validation;

namespace Mem0.Api.Memories.Search;

public sealed record SearchMemoriesRequest(string? Query, int? Limit, string? AgentId, string? RunId, string? UserId) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Query) ? "query is required and must not be empty."
        : Query.Length > Limits.MaxContentChars ? $"query must be at most {Limits.MaxContentChars} characters."
        : Limit is < 1 or > Limits.MaxSearchLimit ? $"limit must be between 1 and {Limits.MaxSearchLimit}."
        : Limits.Tag(AgentId, "agent_id") ?? Limits.Tag(RunId, "run_id") ?? Limits.Tag(UserId, "user_id");
}
