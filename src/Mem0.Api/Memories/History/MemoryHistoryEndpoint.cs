using Marten;
using Mem0.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.History;

public static class MemoryHistoryEndpoint
{
    /// <summary>Works for deleted memories too: the stream outlives the memory.</summary>
    public static async Task<Ok<IReadOnlyList<HistoryRow>>> Handle(string id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(MemoryIds.Parse(id), token: ct);
        if (events.Count == 0) throw ApiError.MemoryNotFound(id);
        return TypedResults.Ok(HistoryRow.FromStream(events));
    }
}
