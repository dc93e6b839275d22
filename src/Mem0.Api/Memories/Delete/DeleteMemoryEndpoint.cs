using Mem0.Api.Bus;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Delete;

public sealed record DeleteMemoryResponse(bool Deleted, Guid MemoryId);

public static class DeleteMemoryEndpoint
{
    public static async Task<Ok<DeleteMemoryResponse>> Handle(string id, CommandSender bus, Mem0Settings settings, CancellationToken ct) =>
        TypedResults.Ok(await DeleteAsync(id, Surfaces.Rest, bus, settings, ct));

    /// <summary>Shared by REST and MCP.</summary>
    public static async Task<DeleteMemoryResponse> DeleteAsync(string id, string surface, CommandSender bus, Mem0Settings settings, CancellationToken ct)
    {
        var result = await bus.SendAsync<DeleteMemory, DeleteMemoryResult>(
            new DeleteMemory(MemoryIds.Parse(id), new Provenance(null, surface)), CommandQueues.DeleteMemory(settings.BusPrefix), ct);
        if (!result.Found) throw ApiError.MemoryNotFound(id);
        return new DeleteMemoryResponse(true, result.MemoryId);
    }
}
