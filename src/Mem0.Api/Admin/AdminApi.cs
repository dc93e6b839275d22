using Mem0.Api.Auth;
using Mem0.Api.Errors;
using Mem0.Api.Validation;

namespace Mem0.Api.Admin;

public static class AdminApi
{
    /// <summary>Operator actions under `/api/v1/admin`: the owner's key only, never a connector's token.</summary>
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin")
            .RequireAccess(Need.Owner)
            .WithTags("admin")
            .ProducesErrors();
        group.MapPost("/rebuild-index", RebuildIndexEndpoint.Handle);
        group.MapPost("/re-extract", ReExtractEndpoint.Handle).Validates<ReExtractRequest>()
            .WithSummary("Run the stored inputs through fact extraction again; report (and with apply, write) the difference");
        return group;
    }
}
