using Mem0.Api.Bus;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Settings;

namespace Mem0.Api.Memories.Delete;

public sealed record DeleteMemoryResponse(bool Deleted, Guid MemoryId);

/// <summary>Deletes one memory through the extractor, for REST and MCP alike.</summary>
public sealed class DeleteMemoryHandler(CommandSender bus, CommandIds ids, BusOptions settings)
{
    public async Task<DeleteMemoryResponse> DeleteAsync(string id, string surface, CancellationToken ct)
    {
        var result = await bus.SendAsync<DeleteMemory, DeleteMemoryResult>(
            new DeleteMemory(ids.ForThisRequest().Id, MemoryIds.Parse(id), new Provenance(null, surface)), CommandQueues.DeleteMemory(settings.BusPrefix), ct);
        if (!result.Found) throw ApiError.MemoryNotFound(id);
        return new DeleteMemoryResponse(true, result.MemoryId);
    }
}
