using Marten;
using Mem0.Projections.Embeddings;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// The embedder of a restore: vectors come only from the restored embedding cache, so restoring never calls
/// the embedding provider (nor needs its key). A text the cache lacks stops the index rebuild with a message;
/// the restored store is committed by then, and the server's own rebuild embeds what is missing.
/// </summary>
public sealed class CacheOnlyEmbedder(string model, int dimensions, Func<IDocumentStore> store) : IEmbedder
{
    public string Model => model;
    public int Dimensions => dimensions;

    public async Task<float[]> EmbedAsync(string text, CancellationToken ct) => (await EmbedManyAsync([text], ct))[0];

    public Task<float[]> EmbedQueryAsync(string text, CancellationToken ct) => EmbedAsync(text, ct);

    public Task<IReadOnlyList<float[]>> EmbedStoredTextsAsync(IReadOnlyList<string> texts, CancellationToken ct) => EmbedManyAsync(texts, ct);

    public async Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var keys = texts.Select(t => CachedEmbedding.KeyFor(model, t)).ToList();
        await using var session = store().QuerySession();
        var found = (await session.LoadManyAsync<CachedEmbedding>(ct, keys.Distinct())).ToDictionary(e => e.Id, e => e.Vector);
        var missing = keys.Count(k => !found.ContainsKey(k));
        if (missing > 0)
        {
            throw new BackupException($"{missing} memory texts have no cached {model} vector in the backup, so the index cannot be rebuilt " +
                                      "without the embedding provider. Start the server and run `mem0 admin rebuild-index`.");
        }
        return keys.Select(k => found[k]).ToList();
    }
}
