using System.Text.Json.Serialization;
using Mem0.Api.Bus;
using Mem0.Api.Validation;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Settings;

namespace Mem0.Api.Memories.DeleteBulk;

public sealed record DeleteBulkSample(Guid Id, string Memory, string? AgentId, string? RunId);

public sealed record DeleteBulkResponse(
    int Matched,
    int Deleted,
    bool DryRun,
    bool HasMore,
    IReadOnlyList<DeleteBulkSample> Sample,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>Deletes the memories a filter matches (or, without `confirm`, counts them), through the extractor.</summary>
public sealed class DeleteBulkHandler(CommandSender bus, CommandIds ids, ServerOptions server, BusOptions busOptions)
{
    public async Task<DeleteBulkResponse> DeleteAsync(DeleteBulkRequest body, string surface, CancellationToken ct)
    {
        var filter = new BulkDeleteFilter(body.UserId ?? server.DefaultUserId!, body.AgentId, body.RunId, body.Source, body.Confidence, body.ReviewStatus);
        var r = await bus.SendAsync<DeleteMemories, DeleteMemoriesResult>(
            new DeleteMemories(ids.ForThisRequest().Id, filter, body.Confirm == true, Limits.BulkDeleteCap, new Provenance(null, surface)),
            CommandQueues.DeleteMemories(busOptions.BusPrefix), ct);
        return new DeleteBulkResponse(r.Matched, r.Deleted, r.DryRun, r.HasMore,
            r.Sample.Select(s => new DeleteBulkSample(s.Id, s.Memory, s.AgentId, s.RunId)).ToList(), r.Error);
    }
}
