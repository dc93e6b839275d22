using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Mem0.Contracts.Events;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors;

/// <summary>
/// The durable feed of the vector index: a checkpointed Marten subscription over the memory events. Marten
/// records the last sequence applied after each batch, so a restarted process resumes there; a batch that was
/// applied but not checkpointed is applied again, which the versioned, state-based update makes harmless.
/// The write path indexes its own commits at once (read-your-writes); this feed catches up whatever that missed:
/// a crash between commit and index write, an index that was down, writes from another process.
/// </summary>
public sealed class VectorIndexSubscription : SubscriptionBase
{
    public const string SubscriptionName = "VectorIndex";

    /// <summary>The row of Marten's progression table that holds this subscription's checkpoint.</summary>
    public const string ShardName = SubscriptionName + ":All";

    private readonly IVectorIndex _index;
    private readonly VectorIndexUpdater _updater;
    private readonly ILogger<VectorIndexSubscription> _log;

    public VectorIndexSubscription(IVectorIndex index, VectorIndexUpdater updater, ILogger<VectorIndexSubscription> log)
    {
        _index = index;
        _updater = updater;
        _log = log;
        Name = SubscriptionName;
        IncludeType<MemoryAdded>();
        IncludeType<MemoryUpdated>();
        IncludeType<MemoryDeleted>();
        IncludeType<MemoryRestored>();
        IncludeType<MemoryReviewed>();
        Options.BatchSize = 1000;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        var memories = await _updater.ApplyAsync(operations, page.Events, _index, ct);
        if (memories > 0)
        {
            _log.LogDebug("Vector index {Index} applied {Memories} memories up to sequence {Sequence}", _index.Name, memories, page.SequenceCeiling);
        }
        return NullChangeListener.Instance;
    }
}
