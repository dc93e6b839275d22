using JasperFx.Events;
using Mem0.Contracts.Events;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Sources;

namespace Mem0.Projections.Store;

/// <summary>
/// Every inline read model folded from events by the projections' own rules, outside Marten: a restore or an upgrade
/// replays the whole store this way and writes the result in bulk.
/// </summary>
public sealed class ReadModelFold
{
    public Dictionary<Guid, MemoryView> Views { get; } = [];
    public Dictionary<Guid, MemoryTimeline> Timelines { get; } = [];
    public Dictionary<Guid, SourceView> Sources { get; } = [];

    public void Apply(IEvent e)
    {
        MemoryStates.Fold(Views, e);
        switch (e)
        {
            case IEvent<MemoryAdded> added:
                Timelines[added.StreamId] = MemoryTimelineProjection.Create(added);
                break;
            case IEvent<MemoryUpdated> updated when Timelines.TryGetValue(updated.StreamId, out var t):
                MemoryTimelineProjection.Apply(updated, t);
                break;
            case IEvent<MemoryDeleted> deleted when Timelines.TryGetValue(deleted.StreamId, out var t):
                MemoryTimelineProjection.Apply(deleted, t);
                break;
            case IEvent<MemoryReviewed> reviewed when Timelines.TryGetValue(reviewed.StreamId, out var t):
                MemoryTimelineProjection.Apply(reviewed, t);
                break;
            case IEvent<MemoryRestored> restored when Timelines.TryGetValue(restored.StreamId, out var t):
                MemoryTimelineProjection.Apply(restored, t);
                break;
            case IEvent<SourceRecorded> recorded:
                Sources[recorded.StreamId] = SourceViewProjection.Create(recorded.Data);
                break;
            case IEvent<SourceForgotten> forgotten:
                Sources.Remove(forgotten.StreamId);
                break;
        }
    }
}
