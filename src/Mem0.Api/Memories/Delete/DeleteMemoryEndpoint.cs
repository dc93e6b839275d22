using Mem0.Api.Bus;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Bus;
using Mem0.Projections.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Delete;

public sealed record DeleteMemoryResponse(bool Deleted, Guid MemoryId);

public static class DeleteMemoryEndpoint
{
    public static async Task<Ok<DeleteMemoryResponse>> Handle(string id, CommandSender bus, Mem0Settings settings, CancellationToken ct)
    {
        var result = await bus.SendAsync<DeleteMemory, DeleteMemoryResult>(
            new DeleteMemory(MemoryIds.Parse(id), new Provenance(null, Surfaces.Rest)), CommandQueues.DeleteMemory(settings.BusPrefix), ct);
        if (!result.Found) throw ApiError.MemoryNotFound(id);
        return TypedResults.Ok(new DeleteMemoryResponse(true, result.MemoryId));
    }
}
