using Marten;
using Mem0.Api.Errors;
using Mem0.Projections.Memories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Get;

public static class GetMemoryEndpoint
{
    public static async Task<Ok<MemoryResponse>> Handle(string id, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await GetAsync(id, session, ct));

    /// <summary>The memory, or a 404 `ApiError`; shared by REST and MCP.</summary>
    public static async Task<MemoryResponse> GetAsync(string id, IQuerySession session, CancellationToken ct)
    {
        var view = await session.LoadAsync<MemoryView>(MemoryIds.Parse(id), ct) ?? throw ApiError.MemoryNotFound(id);
        return MemoryResponse.From(view);
    }
}
