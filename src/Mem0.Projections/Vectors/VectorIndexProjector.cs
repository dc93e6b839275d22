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
/// The vectors come from the embedding cache in one batch per commit: the writer embedded these texts moments
/// before, or stored their vectors with the events.
/// </summary>
public sealed class VectorIndexProjector(IVectorIndex index, IEmbedder embedder, ILogger<VectorIndexProjector> log)
    : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var events = commit.GetEvents().ToList();
        if (events.Count == 0) return;
        try
        {
            var texts = events.Select(e => e.Data switch { MemoryAdded a => a.Text, MemoryUpdated u => u.Text, _ => null })
                .OfType<string>().Distinct().ToList();
            var vectors = texts.Count == 0 ? [] : await embedder.EmbedManyAsync(texts, token);
            var byText = texts.Zip(vectors).ToDictionary(p => p.First, p => p.Second);
            foreach (var e in events) await ApplyAsync(session, e, byText, token);
        }
        catch (Exception ex)
        {
            // The events are committed whatever happens here; failing the write now would report a stored memory
            // as lost. The index is loaded from the store at every start, which repairs it.
            log.LogError(ex, "Vector index {Index} missed {Count} events from sequence {Sequence}; it is repaired at the next start",
                index.Name, events.Count, events[0].Sequence);
        }
    }

    private async Task ApplyAsync(IDocumentSession session, IEvent e, Dictionary<string, float[]> vectors, CancellationToken token)
    {
        switch (e.Data)
        {
            case MemoryAdded added:
                index.Upsert(new VectorPoint(added.MemoryId, e.Version, vectors[added.Text], PointFields.From(added)));
                break;
            case MemoryUpdated updated when index.Contains(updated.MemoryId):
                index.Replace(updated.MemoryId, e.Version, vectors[updated.Text], updated.At);
                break;
            case MemoryUpdated updated:
                if (await session.LoadAsync<MemoryView>(updated.MemoryId, token) is { } view)
                {
                    index.Upsert(new VectorPoint(view.Id, e.Version, vectors[updated.Text], PointFields.From(view)));
                }
                break;
            case MemoryDeleted deleted:
                index.Remove(deleted.MemoryId, e.Version);
                break;
        }
    }
}
