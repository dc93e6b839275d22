using Mem0.Api.Auth;
using Mem0.Api.Errors;
using Mem0.Contracts.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Sources;

/// <summary>`/api/v1/sources/{id}`: the inputs adds took, with the changes each caused; their undo and forgetting.</summary>
public static class SourcesApi
{
    public static RouteGroupBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sources").WithTags("sources").ProducesErrors();
        group.MapGet("/{id}", async Task<Ok<SourceResponse>> (string id, SourcesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(id, ct)))
            .WithSummary("An input an add took, with the memories it added, updated or deleted")
            .RequireAccess(Need.Read);
        group.MapPost("/{id}/undo", async Task<Ok<SourceRewindResponse>> (string id, SourcesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.UndoAsync(id, Surfaces.Rest, ct)))
            .WithSummary("Revert every change this input caused (memories changed since are skipped and reported)")
            .RequireAccess(Need.Write);
        group.MapDelete("/{id}", async Task<Ok<SourceRewindResponse>> (string id, SourcesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForgetAsync(id, Surfaces.Rest, ct)))
            .WithSummary("Forget this input: what it added is deleted, what it rewrote reverted, and it no longer counts as heard")
            .RequireAccess(Need.Write);
        return group;
    }
}
