using Mem0.Api.Auth;
using Mem0.Api.Errors;
using Mem0.Api.Memories.Add;
using Mem0.Api.Memories.AddBatch;
using Mem0.Api.Memories.Delete;
using Mem0.Api.Memories.DeleteBulk;
using Mem0.Api.Memories.Get;
using Mem0.Api.Memories.History;
using Mem0.Api.Memories.List;
using Mem0.Api.Memories.Review;
using Mem0.Api.Memories.Rewind;
using Mem0.Api.Memories.Search;
using Mem0.Api.Memories.Update;
using Mem0.Api.Validation;

namespace Mem0.Api.Memories;

public static class MemoriesApi
{
    public static IServiceCollection AddMemoryHandlers(this IServiceCollection services) =>
        services.AddScoped<AddMemoryHandler>().AddScoped<SearchMemoriesHandler>().AddScoped<PastSearch>().AddScoped<GetMemoryHandler>()
            .AddScoped<ListMemoriesHandler>().AddScoped<UpdateMemoryHandler>().AddScoped<DeleteMemoryHandler>()
            .AddScoped<MemoryHistoryHandler>().AddScoped<DeleteBulkHandler>().AddScoped<RewindSender>().AddScoped<RewindMemoryHandler>()
            .AddScoped<Sources.SourcesHandler>().AddScoped<ReviewMemoriesHandler>().AddScoped<AddBatchHandler>();

    /// <summary>The guide's REST surface under `/api/v1/memories`, all behind the bearer key.</summary>
    public static RouteGroupBuilder MapMemories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/memories")
            .WithTags("memories")
            .ProducesErrors();

        group.MapPost("/", AddMemoryEndpoint.Handle).Validates<AddMemoryRequest>().RequireAccess(Need.Write);
        group.MapPost("/batch", AddBatchEndpoint.Handle).Validates<AddBatchRequest>().RequireAccess(Need.Write)
            .WithSummary($"Up to {AddBatchRequest.MaxItems} adds in one request, each with its own result or error (imports)");
        group.MapGet("/", ListMemoriesEndpoint.Handle).Validates<ListMemoriesQuery>().RequireAccess(Need.Read);
        group.MapPost("/search", SearchMemoriesEndpoint.Handle).Validates<SearchMemoriesRequest>().RequireAccess(Need.Read);
        // Many memories at once: the owner's key only, never a connector's token.
        group.MapPost("/delete_bulk", DeleteBulkEndpoint.Handle).Validates<DeleteBulkRequest>().RequireAccess(Need.Owner);
        group.MapPost("/review", ReviewMemoriesEndpoint.Handle).Validates<ReviewMemoriesRequest>().RequireAccess(Need.Write)
            .WithSummary("Approve, reject, mark stale, set or clear the expiry of up to 100 memories (the text never changes)");
        group.MapGet("/{id}", GetMemoryEndpoint.Handle).RequireAccess(Need.Read);
        group.MapPut("/{id}", UpdateMemoryEndpoint.Handle).Validates<UpdateMemoryRequest>().RequireAccess(Need.Write);
        group.MapDelete("/{id}", DeleteMemoryEndpoint.Handle).RequireAccess(Need.Write);
        group.MapGet("/{id}/history", MemoryHistoryEndpoint.Handle).RequireAccess(Need.Read);
        group.MapPost("/{id}/revert", RewindMemoryEndpoints.Revert).Validates<RevertMemoryRequest>().RequireAccess(Need.Write)
            .WithSummary("Bring back the text of an earlier version (history keeps both)");
        group.MapPost("/{id}/undelete", RewindMemoryEndpoints.Undelete).RequireAccess(Need.Write)
            .WithSummary("Bring back a deleted memory as it read before the delete");
        return group;
    }
}
