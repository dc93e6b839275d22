using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Delete;

public static class DeleteMemoryEndpoint
{
    public static async Task<Ok<DeleteMemoryResponse>> Handle(string id, DeleteMemoryHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.DeleteAsync(id, Surfaces.Rest, ct));
}
