using Mem0.Api.Validation;

namespace Mem0.Api.Memories.DeleteBulk;

/// <summary>Exact-match filters; at least one besides `user_id`. Without `confirm: true` it is a dry run.</summary>
public sealed record DeleteBulkRequest(
    string? AgentId, string? RunId, string? Source, string? Confidence, string? ReviewStatus, string? UserId, bool? Confirm) : IValidatable
{
    public string? Validate() =>
        AgentId is null && RunId is null && Source is null && Confidence is null && ReviewStatus is null
            ? "Give at least one filter besides user_id (agent_id, run_id, source, confidence, review_status); wiping the whole store here is not possible."
            : Limits.Tag(AgentId, "agent_id") ?? Limits.Tag(RunId, "run_id") ?? Limits.Tag(Source, "source")
              ?? Limits.Tag(Confidence, "confidence") ?? Limits.Tag(ReviewStatus, "review_status") ?? Limits.Tag(UserId, "user_id");
}
