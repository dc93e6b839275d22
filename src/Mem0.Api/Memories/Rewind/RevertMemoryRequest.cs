using Mem0.Api.Validation;

namespace Mem0.Api.Memories.Rewind;

/// <summary>`version`: the version whose text comes back, as a memory's history numbers them (`version` on each row).</summary>
public sealed record RevertMemoryRequest(long? Version, string? AgentId = null) : IValidatable
{
    public string? Validate() =>
        Version is null ? "version is required: the version to go back to, from the memory's history."
        : Version < 1 ? "version must be 1 or more."
        : Limits.Tag(AgentId, "agent_id");
}
