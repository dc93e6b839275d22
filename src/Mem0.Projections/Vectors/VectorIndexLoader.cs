using Marten;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Fills the embedded index from the store before the host takes requests. Vectors come from the embedding
/// cache; a text the cache lacks (a model change, say) is embedded once and cached for the next start.
/// </summary>
public sealed class VectorIndexLoader(IDocumentStore store, IVectorIndex index, IEmbedder embedder, ILogger<VectorIndexLoader> log)
    : IHostedService
{
    private const int PageSize = 2000;

    public async Task StartAsync(CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var loaded = 0;
        var embedded = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var session = store.LightweightSession();
            // Keyset paging: each page is an index range scan, so loading stays linear in the store's size.
            var page = await session.QueryAsync<MemoryView>($"where id > ? order by id limit {PageSize}", ct, after);
            if (page.Count == 0) break;
            after = page[^1].Id;

            var keys = page.Select(v => CachedEmbedding.KeyFor(embedder.Model, v.Text)).ToArray();
            // A vector of another length was made under an older dimension setting: embed that text again.
            var cached = (await session.LoadManyAsync<CachedEmbedding>(ct, keys.Distinct()))
                .Where(c => c.Vector.Length == embedder.Dimensions).ToDictionary(c => c.Id, c => c.Vector);
            var missing = page.Where((v, i) => !cached.ContainsKey(keys[i])).ToList();
            if (missing.Count > 0)
            {
                var vectors = await embedder.EmbedManyAsync(missing.Select(v => v.Text).ToList(), ct);
                for (var i = 0; i < missing.Count; i++)
                {
                    var key = CachedEmbedding.KeyFor(embedder.Model, missing[i].Text);
                    cached[key] = vectors[i];
                    session.Store(new CachedEmbedding { Id = key, Vector = vectors[i] });
                }
                await session.SaveChangesAsync(ct);
                embedded += missing.Count;
            }

            for (var i = 0; i < page.Count; i++)
            {
                var v = page[i];
                index.Upsert(new VectorPoint(v.Id, v.Version, cached[keys[i]], PointFields.From(v)));
            }
            loaded += page.Count;
        }
        log.LogInformation("Vector index {Index} loaded {Count} memories ({Embedded} embedded anew) in {Ms} ms",
            index.Name, loaded, embedded, (int)(DateTime.UtcNow - started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
