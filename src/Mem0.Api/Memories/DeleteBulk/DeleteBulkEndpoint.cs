using System.Text.Json.Serialization;
using Mem0.Api.Bus;
using Mem0.Api.Validation;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mem0.Api.Memories.DeleteBulk;

public sealed record DeleteBulkSample(Guid Id, string Memory, string? AgentId, string? RunId);

public sealed record DeleteBulkResponse(
    int Matched,
    int Deleted,
    bool DryRun,
    bool HasMore,
    IReadOnlyList<DeleteBulkSample> Sample,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

public static class DeleteBulkEndpoint
{
    public static async Task<Ok<DeleteBulkResponse>> Handle(DeleteBulkRequest body, CommandSender bus, Mem0Settings settings, CancellationToken ct)
    {
        var filter = new BulkDeleteFilter(body.UserId ?? settings.DefaultUserId!, body.AgentId, body.RunId, body.Source, body.Confidence, body.ReviewStatus);
        var r = await bus.SendAsync<DeleteMemories, DeleteMemoriesResult>(
            new DeleteMemories(filter, body.Confirm == true, Limits.BulkDeleteCap, new Provenance(null, Surfaces.Rest)),
            CommandQueues.DeleteMemories(settings.BusPrefix), ct);
        return TypedResults.Ok(new DeleteBulkResponse(r.Matched, r.Deleted, r.DryRun, r.HasMore,
            r.Sample.Select(s => new DeleteBulkSample(s.Id, s.Memory, s.AgentId, s.RunId)).ToList(), r.Error));
    }
}
