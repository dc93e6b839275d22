using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors;

/// <summary>How far a rebuild has got: events replayed, memories indexed, and the running time.</summary>
public sealed record RebuildProgress(string Phase, long Events, long Memories, long Indexed, double Seconds);

public sealed class RebuildAlreadyRunningException() : Exception("An index rebuild is already running.");

/// <summary>
/// Rebuild by replay: every memory stream's events, in sequence order up to the high-water mark taken at the
/// start, are folded into memory states with the view projection's own rules; those states go into a fresh index
/// with vectors from the embedding cache (the provider only sees texts the cache lacks, which is how a model
/// change re-embeds). Events that arrive meanwhile are applied before and after the swap, so nothing written
/// during a rebuild is lost. Searches use the old index until the swap. One rebuild at a time per process.
/// </summary>
public sealed class VectorIndexRebuilder(
    IDocumentStore store, IVectorStore vectors, IEmbedder embedder, VectorIndexUpdater updater, SubscriptionCheckpoint checkpoint,
    ILogger<VectorIndexRebuilder> log)
{
    private const int EventPage = 10_000;
    private const int IndexBatch = 2_000;
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Runs a rebuild, reporting progress as it goes; throws <see cref="RebuildAlreadyRunningException"/> before any report when one is running.</summary>
    public async Task<RebuildProgress> RunAsync(Func<RebuildProgress, Task> report, CancellationToken ct)
    {
        if (!_running.Wait(0)) throw new RebuildAlreadyRunningException();
        try
        {
            var clock = Stopwatch.StartNew();
            var fresh = await vectors.CreateFreshAsync(embedder.Dimensions, ct);
            // The gap-aware mark: every event at or below it is visible now, so the replay misses none.
            var highWater = await checkpoint.SafeHighWaterAsync(ct);

            var states = new Dictionary<Guid, MemoryView>();
            long events = 0;
            await foreach (var page in PagesAsync(0, highWater, ct))
            {
                foreach (var e in page) MemoryStates.Fold(states, e);
                events += page.Count;
                await report(new RebuildProgress("replay", events, states.Count, 0, clock.Elapsed.TotalSeconds));
            }

            var memories = states.Values.ToList();
            long indexed = 0;
            using var reporting = new SemaphoreSlim(1, 1);
            // Two chunks in flight: one reading its vectors from the cache while the other goes into the index.
            await Parallel.ForEachAsync(memories.Chunk(IndexBatch), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
                async (chunk, token) =>
                {
                    await fresh.UpsertAsync(await updater.PointsAsync(chunk, token), token);
                    var done = Interlocked.Add(ref indexed, chunk.Length);
                    await reporting.WaitAsync(token);
                    try { await report(new RebuildProgress("index", events, memories.Count, done, clock.Elapsed.TotalSeconds)); }
                    finally { reporting.Release(); }
                });

            // Writes that landed while replaying go in now, and again after the swap for any that raced it: both from
            // the mark, so one that committed late below the last sequence caught up is not skipped (applying an
            // event twice is harmless). Whatever commits later still reaches the live index through its feed.
            await CatchUpAsync(fresh, highWater, ct);
            await vectors.SwapAsync(fresh, ct);
            await CatchUpAsync(fresh, highWater, ct);

            var done = new RebuildProgress("done", events, memories.Count, await fresh.CountAsync(ct), clock.Elapsed.TotalSeconds);
            log.LogInformation("Vector index rebuilt into {Index}: {Events} events, {Memories} memories in {Seconds:F1} s",
                fresh.Name, done.Events, done.Memories, done.Seconds);
            await report(done);
            return done;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<long> CatchUpAsync(IVectorIndex index, long after, CancellationToken ct)
    {
        await foreach (var page in PagesAsync(after, long.MaxValue, ct))
        {
            await using var session = store.QuerySession();
            await updater.ApplyAsync(session, page, index, ct);
            after = page[^1].Sequence;
        }
        return after;
    }

    private async IAsyncEnumerable<IReadOnlyList<IEvent>> PagesAsync(long after, long upTo,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            await using var session = store.QuerySession();
            var from = after;
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > from && e.Sequence <= upTo)
                .OrderBy(e => e.Sequence).Take(EventPage).ToListAsync(ct);
            if (page.Count == 0) yield break;
            after = page[^1].Sequence;
            yield return page;
        }
    }
}
