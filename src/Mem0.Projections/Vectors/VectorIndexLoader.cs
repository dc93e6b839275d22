using Mem0.Projections.Vectors.Embedded;
using Marten;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Readies the live index before the host takes requests and before the subscription starts. A durable index
/// (Qdrant) resumes from the subscription's checkpoint, or from zero when its collection had to be created. The
/// embedded index starts empty, so it is filled from the memory views here and this process's own feed
/// (<see cref="LocalIndexFeed"/>) is placed at the last event those views include and carries on from there.
/// </summary>
public sealed class VectorIndexLoader(
    IDocumentStore store, IVectorStore vectors, IEmbedder embedder, VectorIndexUpdater updater, SubscriptionCheckpoint checkpoint,
    ILogger<VectorIndexLoader> log, LocalIndexFeed? feed = null)
    : IHostedService
{
    private const int PageSize = 2000;

    public async Task StartAsync(CancellationToken ct)
    {
        // A process that serves no reads (the scheduler role alone) keeps no copy of an in-memory index, and does
        // not load the embedding model just to learn its size.
        if (vectors.IsVolatile && feed is null) return;
        var created = await vectors.InitializeAsync(embedder.Dimensions, ct);
        var checkpoints = checkpoint;
        if (!vectors.IsVolatile)
        {
            if (created)
            {
                log.LogInformation("Vector index {Index} was created empty; every memory event will be replayed into it", vectors.Live.Name);
                await checkpoints.MoveToAsync(VectorIndexSubscription.ShardName, 0, ct);
            }
            return;
        }

        var started = DateTime.UtcNow;
        // Read before the views, so events committed while loading are replayed rather than skipped; and Marten's
        // gap-aware mark, not the highest sequence, so one whose transaction commits late is not skipped either.
        var highWater = await checkpoints.SafeHighWaterAsync(ct);
        var loaded = await LoadAsync(vectors.Live, ct);
        await feed!.StartAtAsync(highWater, ct);
        log.LogInformation("Vector index {Index} loaded {Count} memories in {Ms} ms", vectors.Live.Name, loaded,
            (int)(DateTime.UtcNow - started).TotalMilliseconds);
    }

    /// <summary>Every live memory into <paramref name="index"/>, a page at a time.</summary>
    public async Task<int> LoadAsync(IVectorIndex index, CancellationToken ct)
    {
        var loaded = 0;
        var after = Guid.Empty;
        var previous = Task.CompletedTask;
        while (true)
        {
            IReadOnlyList<MemoryView> page;
            await using (var session = store.QuerySession())
            {
                // Keyset paging: each page is an index range scan, so loading stays linear in the store's size.
                page = await session.QueryAsync<MemoryView>($"where id > ? order by id limit {PageSize}", ct, after);
            }
            // The next page is read while the one before it gets its vectors and goes into the index.
            await previous;
            if (page.Count == 0) return loaded;
            after = page[^1].Id;
            previous = IndexAsync(index, page, ct);
            loaded += page.Count;
        }
    }

    private async Task IndexAsync(IVectorIndex index, IReadOnlyList<MemoryView> page, CancellationToken ct) =>
        await index.UpsertAsync(await updater.PointsAsync(page, ct), ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
