using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.Review;

public sealed record ReviewMemoriesResponse(IReadOnlyList<ReviewedMemory> Results);

public static class ReviewMemoriesEndpoint
{
    /// <summary>Each memory's outcome: `reviewed` (with its new version), `unchanged` (already so) or `not_found`.</summary>
    public static async Task<Ok<ReviewMemoriesResponse>> Handle(ReviewMemoriesRequest body, ReviewMemoriesHandler handler, CancellationToken ct) =>
        TypedResults.Ok(new ReviewMemoriesResponse((await handler.ReviewAsync(body, Surfaces.Rest, ct)).Memories));
}
