using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Add;

public static class AddMemoryEndpoint
{
    public static async Task<Ok<AddMemoryResponse>> Handle(AddMemoryRequest body, AddMemoryHandler handler, CancellationToken ct) =>
        TypedResults.Ok(AddMemoryResponse.From(await handler.AddAsync(body, Surfaces.Rest, ct)));
}
