using Mem0.Projections.Vectors.Embedded;
namespace Mem0.Projections.Vectors;

/// <summary>
/// How many event sequences this process's index has yet to apply: for Qdrant, the cluster's subscription
/// checkpoint; for the embedded index, this process's own feed. A process that keeps no embedded index (the
/// scheduler role alone) has nothing to apply.
/// </summary>
public sealed class IndexLag(SubscriptionCheckpoint checkpoint, IVectorStore vectors, LocalIndexFeed? feed = null)
{
    public async Task<long> EventsBehindAsync(CancellationToken ct)
    {
        if (!vectors.IsVolatile) return await checkpoint.LagAsync(VectorIndexSubscription.ShardName, ct);
        if (feed is not { Started: true }) return 0;
        return Math.Max(0, await checkpoint.HighWaterAsync(ct) - feed.Position);
    }
}
