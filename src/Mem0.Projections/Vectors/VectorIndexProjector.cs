using Mem0.Projections.Vectors.Embedded;
using Marten;
using Marten.Services;
using Mem0.Settings;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors;

/// <summary>
/// The write path's half of indexing: after each commit of memory events, whichever code appended them, the
/// memories are put in the live index before SaveChanges returns, so an add's reply means "searchable now". The
/// wait is bounded by MEM0_INDEX_WAIT_MS; past it, or on any failure, the write still succeeds (its events are
/// stored) and the feed (the subscription for Qdrant, each process's own for the embedded index) indexes them instead.
/// It takes the store of indexes, not <see cref="IVectorIndex"/>: the document store is built with this listener, and
/// the live index's read barrier (<see cref="LocalIndexFeed"/>) needs the document store, so that would be a cycle.
/// </summary>
public sealed class VectorIndexProjector(IVectorStore vectors, VectorIndexUpdater updater, VectorIndexOptions settings, ILogger<VectorIndexProjector> log,
    IndexedOnCommit? indexed = null) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (settings.IndexWait <= TimeSpan.Zero) return;
        var events = commit.GetEvents().ToList();
        if (events.Count == 0) return;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await ApplyAsync(session.DocumentStore, events, token).WaitAsync(settings.IndexWait, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            log.LogWarning(ex, "Vector index {Index} was not updated within the write for {Count} events from sequence {Sequence}; the subscription will index them",
                vectors.Live.Name, events.Count, events[0].Sequence);
        }
        finally
        {
            IndexWaitTimer.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    // A session of its own: past the wait this goes on in the background, after the writer's session is gone. Once
    // applied, the embedded index's feed is told, so it does not read the same events back (IndexedOnCommit).
    private async Task ApplyAsync(IDocumentStore store, IReadOnlyList<JasperFx.Events.IEvent> events, CancellationToken token)
    {
        await using var reader = store.QuerySession();
        await updater.ApplyAsync(reader, events, vectors.Live, token);
        indexed?.Report(events.Select(e => e.Sequence).Where(s => s > 0).ToList());
    }
}
