using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Search;

public sealed record SearchMemoriesResponse(IReadOnlyList<MemoryResponse> Results);

public static class SearchMemoriesEndpoint
{
    public static async Task<Ok<SearchMemoriesResponse>> Handle(SearchMemoriesRequest body, SearchMemoriesHandler handler, HttpResponse response, CancellationToken ct)
    {
        var results = await handler.SearchAsync(body, ct);
        response.Headers["Server-Timing"] = handler.Timings.ToHeader();
        return TypedResults.Ok(new SearchMemoriesResponse(results));
    }
}
