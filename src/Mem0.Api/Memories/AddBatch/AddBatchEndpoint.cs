using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.AddBatch;

public static class AddBatchEndpoint
{
    /// <summary>200 with every item's own answer, also when some items failed; `Server-Timing` sums the stages over the items.</summary>
    public static async Task<Ok<AddBatchResponse>> Handle(AddBatchRequest body, AddBatchHandler handler, HttpResponse response, CancellationToken ct)
    {
        var result = await handler.AddAsync(body, Surfaces.Rest, ct);
        response.Headers["Server-Timing"] = handler.Timings.ToHeader();
        return TypedResults.Ok(result);
    }
}
