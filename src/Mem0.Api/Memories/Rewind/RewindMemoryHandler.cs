using Marten;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Projections.Memories;

namespace Mem0.Api.Memories.Rewind;

/// <summary>Revert and undelete of one memory, for REST and MCP alike: new events, then the memory as it now reads.</summary>
public sealed class RewindMemoryHandler(RewindSender sender, IQuerySession session)
{
    public Task<MemoryResponse> RevertAsync(string id, RevertMemoryRequest body, string surface, CancellationToken ct) =>
        RunAsync(RewindKind.Revert, id, body.Version, new Provenance(body.AgentId, surface), ct);

    public Task<MemoryResponse> UndeleteAsync(string id, string surface, CancellationToken ct) =>
        RunAsync(RewindKind.Undelete, id, null, new Provenance(null, surface), ct);

    private async Task<MemoryResponse> RunAsync(RewindKind kind, string id, long? version, Provenance by, CancellationToken ct)
    {
        var memoryId = MemoryIds.Parse(id);
        await sender.SendAsync(kind, memoryId, version, by, ct);
        var view = await session.LoadAsync<MemoryView>(memoryId, ct) ?? throw ApiError.MemoryNotFound(id);
        return MemoryResponse.From(view);
    }
}
