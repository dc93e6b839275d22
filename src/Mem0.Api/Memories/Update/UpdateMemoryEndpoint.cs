using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Update;

public static class UpdateMemoryEndpoint
{
    /// <summary>
    /// Replaces the text and returns the memory as it now reads, with its new `ETag`. With `If-Match` (the `ETag` a get
    /// returned) the update happens only if the memory is still at that version, else 412 and nothing changes.
    /// </summary>
    public static async Task<Ok<MemoryResponse>> Handle(string id, UpdateMemoryRequest body, UpdateMemoryHandler handler, HttpContext http, CancellationToken ct)
    {
        var memory = await handler.UpdateAsync(id, body, Surfaces.Rest, ct, IfMatch.ExpectedVersion(http.Request.Headers.IfMatch));
        http.Response.Headers.ETag = memory.ETag;
        return TypedResults.Ok(memory);
    }
}
