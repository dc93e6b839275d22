using Marten;
using Mem0.Api.Errors;

namespace Mem0.Api.Memories.History;

/// <summary>A memory's history from its stream; works for deleted memories too, since the stream outlives the memory.</summary>
public sealed class MemoryHistoryHandler(IQuerySession session)
{
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(string id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(MemoryIds.Parse(id), token: ct);
        if (events.Count == 0) throw ApiError.MemoryNotFound(id);
        return HistoryRow.FromStream(events);
    }
}
