using Marten;
using Mem0.Api.Errors;
using Mem0.Api.Sources;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Timeline;

namespace Mem0.Api.Memories.Get;

/// <summary>One memory by id, for REST and MCP alike; `as_of` a past time, as it read then, from its timeline.</summary>
public sealed class GetMemoryHandler(IQuerySession session)
{
    /// <summary>The memory, or a 404 `ApiError` (also when it did not exist at <paramref name="asOf"/>).</summary>
    public async Task<MemoryResponse> GetAsync(string id, CancellationToken ct, DateTimeOffset? asOf = null, bool includeSource = false)
    {
        var memoryId = MemoryIds.Parse(id);
        var view = asOf is { } at
            ? (await session.LoadAsync<MemoryTimeline>(memoryId, ct))?.At(at) ?? throw ApiError.NotFound($"Memory {id} did not exist at {at:O}.")
            : await session.LoadAsync<MemoryView>(memoryId, ct) ?? throw ApiError.MemoryNotFound(id);
        var memory = MemoryResponse.From(view);
        return includeSource ? (await SourceIncludes.AttachAsync(session, [memory], ct))[0] : memory;
    }
}
