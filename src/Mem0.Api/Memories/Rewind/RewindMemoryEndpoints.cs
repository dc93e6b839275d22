using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Rewind;

public static class RewindMemoryEndpoints
{
    /// <summary>The memory's text of `version` back, as a new version (history keeps the one reverted); the memory as it now reads.</summary>
    public static async Task<Ok<MemoryResponse>> Revert(string id, RevertMemoryRequest body, RewindMemoryHandler handler, HttpContext http, CancellationToken ct)
    {
        var memory = await handler.RevertAsync(id, body, Surfaces.Rest, ct);
        http.Response.Headers.ETag = memory.ETag;
        return TypedResults.Ok(memory);
    }

    /// <summary>A deleted memory back as it read before the delete; 409 when it is not deleted.</summary>
    public static async Task<Ok<MemoryResponse>> Undelete(string id, RewindMemoryHandler handler, HttpContext http, CancellationToken ct)
    {
        var memory = await handler.UndeleteAsync(id, Surfaces.Rest, ct);
        http.Response.Headers.ETag = memory.ETag;
        return TypedResults.Ok(memory);
    }
}
