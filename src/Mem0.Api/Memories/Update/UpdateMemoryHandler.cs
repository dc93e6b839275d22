using Marten;
using Mem0.Api.Bus;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Settings;
using Mem0.Projections.Memories;

namespace Mem0.Api.Memories.Update;

/// <summary>Replaces a memory's text through the extractor, for REST and MCP alike.</summary>
public sealed class UpdateMemoryHandler(CommandSender bus, CommandIds ids, IQuerySession session, BusOptions settings)
{
    /// <summary>The update, then the memory as it now reads; with <paramref name="expectedVersion"/>, only from that version.</summary>
    public async Task<MemoryResponse> UpdateAsync(string id, UpdateMemoryRequest body, string surface, CancellationToken ct, long? expectedVersion = null)
    {
        var memoryId = MemoryIds.Parse(id);
        var result = await bus.SendAsync<UpdateMemory, UpdateMemoryResult>(
            new UpdateMemory(ids.ForThisRequest().Id, memoryId, body.Content!, new Provenance(body.AgentId, surface), expectedVersion),
            CommandQueues.UpdateMemory(settings.BusPrefix), ct);
        if (!result.Found) throw ApiError.MemoryNotFound(id);
        var view = await session.LoadAsync<MemoryView>(memoryId, ct) ?? throw ApiError.MemoryNotFound(id);
        return MemoryResponse.From(view);
    }
}
