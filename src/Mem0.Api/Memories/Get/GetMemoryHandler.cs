using Marten;
using Mem0.Api.Errors;
using Mem0.Projections.Memories;

namespace Mem0.Api.Memories.Get;

/// <summary>One memory by id, for REST and MCP alike.</summary>
public sealed class GetMemoryHandler(IQuerySession session)
{
    /// <summary>The memory, or a 404 `ApiError`.</summary>
    public async Task<MemoryResponse> GetAsync(string id, CancellationToken ct)
    {
        var view = await session.LoadAsync<MemoryView>(MemoryIds.Parse(id), ct) ?? throw ApiError.MemoryNotFound(id);
        return MemoryResponse.From(view);
    }
}
