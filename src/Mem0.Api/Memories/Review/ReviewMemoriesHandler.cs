using Mem0.Api.Bus;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Settings;

namespace Mem0.Api.Memories.Review;

/// <summary>Approve, reject, mark stale, set or clear an expiry, several memories in one command: REST and the console.</summary>
public sealed class ReviewMemoriesHandler(CommandSender bus, CommandIds ids, BusOptions settings)
{
    public Task<ReviewMemoriesResult> ReviewAsync(ReviewMemoriesRequest body, string surface, CancellationToken ct) =>
        bus.SendAsync<ReviewMemories, ReviewMemoriesResult>(
            new ReviewMemories(ids.ForThisRequest().Id, body.MemoryIds!.Select(Guid.Parse).ToList(), body.ReviewStatus, body.ExpiresAt,
                body.ClearExpiry == true, new Provenance(body.AgentId, surface)),
            CommandQueues.ReviewMemories(settings.BusPrefix), ct);
}
