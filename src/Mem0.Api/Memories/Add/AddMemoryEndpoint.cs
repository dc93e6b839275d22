using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Add;

public static class AddMemoryEndpoint
{
    public static async Task<Ok<AddMemoryResponse>> Handle(AddMemoryRequest body, AddMemoryHandler handler, HttpResponse response, CancellationToken ct)
    {
        var result = await handler.AddAsync(body, Surfaces.Rest, ct);
        response.Headers["Server-Timing"] = handler.Timings.ToHeader();
        return TypedResults.Ok(AddMemoryResponse.From(result));
    }
}
