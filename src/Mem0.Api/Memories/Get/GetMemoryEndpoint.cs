using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Get;

public static class GetMemoryEndpoint
{
    public static async Task<Ok<MemoryResponse>> Handle(string id, GetMemoryHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.GetAsync(id, ct));
}
