namespace Mem0.Contracts.Events;

/// <summary>The input is forgotten: no longer a dedup key nor readable; what came from it was deleted in the same commit.</summary>
public sealed record SourceForgotten(Guid SourceId, string? AgentId, string Surface, DateTimeOffset At);
