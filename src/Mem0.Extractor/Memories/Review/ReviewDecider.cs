using System.Globalization;
using System.Text.Json;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;

namespace Mem0.Extractor.Memories.Review;

/// <summary>
/// What a review does to each memory it names, from the views as read: one <see cref="MemoryReviewed"/> per memory
/// whose governance keys change, landing as the version after the one read; nothing for one already so or gone.
/// </summary>
public static class ReviewDecider
{
    public static (Decision Decision, IReadOnlyList<ReviewedMemory> Memories) Decide(
        ReviewMemories cmd, IReadOnlyDictionary<Guid, MemoryView> views, DateTimeOffset now)
    {
        var writes = new List<StreamWrite>();
        var memories = new List<ReviewedMemory>();
        foreach (var id in cmd.MemoryIds.Distinct())
        {
            if (!views.TryGetValue(id, out var view))
            {
                memories.Add(new ReviewedMemory(id, ReviewedMemory.NotFound, 0));
                continue;
            }
            if (IsAlready(cmd, view))
            {
                memories.Add(new ReviewedMemory(id, ReviewedMemory.Unchanged, view.Version));
                continue;
            }
            var metadata = Reviewed(view.Metadata, cmd, now);
            writes.Add(new StreamWrite(id, view.Version + 1, new MemoryReviewed(id, cmd.ReviewStatus, cmd.ClearExpiry ? null : cmd.ExpiresAt, metadata,
                cmd.By.AgentId, cmd.By.Surface, now)));
            memories.Add(new ReviewedMemory(id, ReviewedMemory.Reviewed, view.Version + 1));
        }
        return (new Decision(true, writes, [], new Dictionary<string, float[]>()), memories);
    }

    private static bool IsAlready(ReviewMemories cmd, MemoryView view) =>
        (cmd.ReviewStatus is null || cmd.ReviewStatus == view.ReviewStatus) &&
        (cmd.ExpiresAt is null || cmd.ExpiresAt == view.ExpiresAt) &&
        (!cmd.ClearExpiry || view.ExpiresAt is null && MetadataKeys.String(view.Metadata, MetadataKeys.ExpiresAt) is null);

    /// <summary>The memory's metadata with the review applied; every other key kept as it was.</summary>
    private static Dictionary<string, JsonElement> Reviewed(Dictionary<string, JsonElement>? metadata, ReviewMemories cmd, DateTimeOffset now)
    {
        var next = metadata is null ? [] : new Dictionary<string, JsonElement>(metadata);
        if (cmd.ReviewStatus is { } status)
        {
            next[MetadataKeys.ReviewStatus] = JsonSerializer.SerializeToElement(status);
            next[MetadataKeys.ReviewedAt] = Utc(now);
            next[MetadataKeys.ReviewedBy] = JsonSerializer.SerializeToElement(cmd.By.AgentId ?? cmd.By.Surface);
        }
        if (cmd.ClearExpiry) next.Remove(MetadataKeys.ExpiresAt);
        else if (cmd.ExpiresAt is { } expires)
        {
            next[MetadataKeys.ExpiresAt] = Utc(expires);
        }
        return next;
    }

    /// <summary>A time as the guide writes them in metadata: ISO 8601, UTC, to the second.</summary>
    private static JsonElement Utc(DateTimeOffset at) =>
        JsonSerializer.SerializeToElement(at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
