using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.DeleteBulk;

public static class DeleteBulkEndpoint
{
    public static async Task<Ok<DeleteBulkResponse>> Handle(DeleteBulkRequest body, DeleteBulkHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.DeleteAsync(body, Surfaces.Rest, ct));
}
