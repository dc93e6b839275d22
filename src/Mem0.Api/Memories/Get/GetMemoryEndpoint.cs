using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Memories.Get;

public static class GetMemoryEndpoint
{
    /// <summary>
    /// The memory, with its version as the `ETag` an update can name in `If-Match`. `as_of` (ISO 8601): as it read at
    /// that time (404 if it did not exist then); `include_source=true`: with the input it came from.
    /// </summary>
    public static async Task<Ok<MemoryResponse>> Handle(string id, GetMemoryHandler handler, HttpContext http,
        [FromQuery(Name = "as_of")] DateTimeOffset? asOf, [FromQuery(Name = "include_source")] bool? includeSource, CancellationToken ct)
    {
        var memory = await handler.GetAsync(id, ct, asOf, includeSource == true);
        http.Response.Headers.ETag = memory.ETag;
        return TypedResults.Ok(memory);
    }
}
