using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Get;

public static class GetMemoryEndpoint
{
    /// <summary>The memory, with its version as the `ETag` an update can name in `If-Match`.</summary>
    public static async Task<Ok<MemoryResponse>> Handle(string id, GetMemoryHandler handler, HttpContext http, CancellationToken ct)
    {
        var memory = await handler.GetAsync(id, ct);
        http.Response.Headers.ETag = memory.ETag;
        return TypedResults.Ok(memory);
    }
}
