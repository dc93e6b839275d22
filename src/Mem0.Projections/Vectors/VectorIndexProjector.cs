using JasperFx.Events;
using Marten;
using Marten.Services;
using Mem0.Contracts.Events;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Keeps the in-process index in step with every committed memory event, whichever code appended it. It runs
/// after the commit and before SaveChanges returns, which is what makes an add's reply imply "searchable now".
/// The vectors come from the embedder's cache: the writer embedded the same text moments before.
/// </summary>
public sealed class VectorIndexProjector(IVectorIndex index, IEmbedder embedder, ILogger<VectorIndexProjector> log)
    : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            try
            {
                await ApplyAsync(session, e, token);
            }
            catch (Exception ex)
            {
                // The events are committed whatever happens here; failing the write now would report a stored
                // memory as lost. The index is loaded from the store at every start, which repairs it.
                log.LogError(ex, "Vector index {Index} missed event {Sequence} of memory {MemoryId}; it is repaired at the next start",
                    index.Name, e.Sequence, e.StreamId);
            }
        }
    }

    private async Task ApplyAsync(IDocumentSession session, IEvent e, CancellationToken token)
    {
        switch (e.Data)
        {
            case MemoryAdded added:
                var vector = await embedder.EmbedAsync(added.Text, token);
                index.Upsert(new VectorPoint(added.MemoryId, e.Version, vector, added.UserId, added.AgentId, added.RunId));
                break;
            case MemoryUpdated updated:
                var updatedVector = await embedder.EmbedAsync(updated.Text, token);
                if (index.Contains(updated.MemoryId))
                {
                    index.Replace(updated.MemoryId, e.Version, updatedVector);
                }
                else if (await session.LoadAsync<MemoryView>(updated.MemoryId, token) is { } view)
                {
                    index.Upsert(new VectorPoint(view.Id, e.Version, updatedVector, view.UserId, view.AgentId, view.RunId));
                }
                break;
            case MemoryDeleted deleted:
                index.Remove(deleted.MemoryId, e.Version);
                break;
        }
    }
}
