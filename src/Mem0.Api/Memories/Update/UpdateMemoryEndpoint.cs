using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Update;

public static class UpdateMemoryEndpoint
{
    /// <summary>Replaces the text and returns the memory as it now reads.</summary>
    public static async Task<Ok<MemoryResponse>> Handle(string id, UpdateMemoryRequest body, UpdateMemoryHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.UpdateAsync(id, body, Surfaces.Rest, ct));
}
