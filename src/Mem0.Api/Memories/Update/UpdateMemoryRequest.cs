using Mem0.Api.Validation;

namespace Mem0.Api.Memories.Update;

public sealed record UpdateMemoryRequest(string? Content, string? AgentId) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Content) ? "content is required and must not be empty."
        : Content.Length > Limits.MaxContentChars ? $"content must be at most {Limits.MaxContentChars} characters."
        : Limits.Text(Content, "content") ?? Limits.Tag(AgentId, "agent_id");
}
