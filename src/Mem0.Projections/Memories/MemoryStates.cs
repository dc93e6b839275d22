using JasperFx.Events;
using Mem0.Contracts.Events;

namespace Mem0.Projections.Memories;

/// <summary>Memory events folded into their current views by <see cref="MemoryViewProjection"/>'s own rules, outside Marten (rebuilds, restores).</summary>
public static class MemoryStates
{
    public static void Fold(Dictionary<Guid, MemoryView> states, IEvent e)
    {
        switch (e)
        {
            case IEvent<MemoryAdded> added:
                states[added.StreamId] = MemoryViewProjection.Create(added);
                break;
            case IEvent<MemoryUpdated> updated when states.TryGetValue(updated.StreamId, out var view):
                MemoryViewProjection.Apply(updated, view);
                break;
            case IEvent<MemoryReviewed> reviewed when states.TryGetValue(reviewed.StreamId, out var view):
                MemoryViewProjection.Apply(reviewed, view);
                break;
            case IEvent<MemoryRestored> restored:
                states[restored.StreamId] = MemoryViewProjection.Create(restored);
                break;
            case IEvent<MemoryDeleted> deleted:
                states.Remove(deleted.StreamId);
                break;
        }
    }
}
