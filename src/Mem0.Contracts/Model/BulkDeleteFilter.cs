namespace Mem0.Contracts.Model;

/// <summary>Exact-match filters of a bulk delete; at least one besides the user must be set.</summary>
public sealed record BulkDeleteFilter(
    string UserId,
    string? AgentId,
    string? RunId,
    string? Source,
    string? Confidence,
    string? ReviewStatus)
{
    public bool HasNarrowingFilter =>
        AgentId is not null || RunId is not null || Source is not null || Confidence is not null || ReviewStatus is not null;
}
