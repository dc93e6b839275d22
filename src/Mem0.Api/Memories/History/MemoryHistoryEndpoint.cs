using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.History;

public static class MemoryHistoryEndpoint
{
    public static async Task<Ok<IReadOnlyList<HistoryRow>>> Handle(string id, MemoryHistoryHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HistoryAsync(id, ct));
}
