using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Memories.List;

public static class ListMemoriesEndpoint
{
    public static async Task<Ok<ListMemoriesResponse>> Handle([AsParameters] ListMemoriesQuery q, ListMemoriesHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(q, ct));
}
