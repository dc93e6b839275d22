namespace Mem0.Projections.Vectors;

/// <summary>Identity filters applied inside the index, before the top-k cut.</summary>
public sealed record VectorFilter(string UserId, string? AgentId = null, string? RunId = null)
{
    public bool Matches(VectorPoint p) =>
        p.UserId == UserId && (AgentId is null || p.AgentId == AgentId) && (RunId is null || p.RunId == RunId);
}
