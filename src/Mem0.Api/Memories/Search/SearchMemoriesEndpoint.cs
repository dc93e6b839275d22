using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Search;

public sealed record SearchMemoriesResponse(IReadOnlyList<MemoryResponse> Results);

public static class SearchMemoriesEndpoint
{
    public static async Task<Ok<SearchMemoriesResponse>> Handle(SearchMemoriesRequest body, SearchMemoriesHandler handler, CancellationToken ct) =>
        TypedResults.Ok(new SearchMemoriesResponse(await handler.SearchAsync(body, ct)));
}
