using Marten;
using Mem0.Projections.Vectors;

namespace Mem0.Projections.Memories.Timeline;

/// <summary>
/// The store as it was at a past time, read as the live views plus a correction: a memory whose timeline has no change
/// after that time reads then as it reads now, so only the memories changed since (few, when the time is recent; one
/// indexed read of their timelines) need their old state. Reads `as_of` therefore cost a live read and that one read.
/// </summary>
public sealed record AsOfCorrection(IReadOnlySet<Guid> ChangedSince, IReadOnlyList<MemoryView> Then)
{
    /// <summary>The user's memories changed after <paramref name="asOf"/>, and those of them that existed then and match the filter, as they read then.</summary>
    public static async Task<AsOfCorrection> ReadAsync(IQuerySession session, VectorFilter filter, DateTimeOffset asOf, CancellationToken ct)
    {
        var timelines = await session.Query<MemoryTimeline>().Where(t => t.UserId == filter.UserId && t.LastChangeAt > asOf).ToListAsync(ct);
        var then = timelines.Select(t => t.At(asOf)).OfType<MemoryView>().Where(v => filter.Matches(PointFields.From(v))).ToList();
        return new AsOfCorrection(timelines.Select(t => t.Id).ToHashSet(), then);
    }
}
