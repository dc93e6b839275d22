using Marten;
using Mem0.Api.Bus;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Configuration;
using Mem0.Projections.Memories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Update;

public static class UpdateMemoryEndpoint
{
    /// <summary>Replaces the text and returns the memory as it now reads.</summary>
    public static async Task<Ok<MemoryResponse>> Handle(
        string id, UpdateMemoryRequest body, CommandSender bus, IQuerySession session, Mem0Settings settings, CancellationToken ct) =>
        TypedResults.Ok(await UpdateAsync(id, body, Surfaces.Rest, bus, session, settings, ct));

    /// <summary>Shared by REST and MCP: the update through the extractor, then the memory as it now reads.</summary>
    public static async Task<MemoryResponse> UpdateAsync(
        string id, UpdateMemoryRequest body, string surface, CommandSender bus, IQuerySession session, Mem0Settings settings, CancellationToken ct)
    {
        var memoryId = MemoryIds.Parse(id);
        var result = await bus.SendAsync<UpdateMemory, UpdateMemoryResult>(
            new UpdateMemory(memoryId, body.Content!, new Provenance(body.AgentId, surface)),
            CommandQueues.UpdateMemory(settings.BusPrefix), ct);
        if (!result.Found) throw ApiError.MemoryNotFound(id);
        var view = await session.LoadAsync<MemoryView>(memoryId, ct) ?? throw ApiError.MemoryNotFound(id);
        return MemoryResponse.From(view);
    }
}
