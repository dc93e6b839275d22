namespace Mem0.Contracts.Model;

/// <summary>Who asked for a change: the writer tag (`agent_id`) and the surface it came through (rest, mcp, cli…).</summary>
public sealed record Provenance(string? AgentId, string Surface);
