using Marten;
using Mem0.Contracts.Events;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// Puts many memories straight into the event store, as an import would, with their vectors in the embedding
/// cache (random unit vectors: these memories are for volume, not meaning), so no model runs while seeding.
/// </summary>
public static class Seeding
{
    public static async Task SeedAsync(this Mem0Host host, string userId, int count, Func<int, string> text, DateTimeOffset at)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var embedder = host.Services.GetRequiredService<IEmbedder>();
        var random = new Random(count);
        const int batch = 1000;
        for (var start = 0; start < count; start += batch)
        {
            await using var session = store.LightweightSession();
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                var id = Guid.CreateVersion7(at);
                var t = text(i);
                session.Events.StartStream(id, new MemoryAdded(id, t, Fingerprint.Of(t), null, userId, "seed", null, null, "test", at));
                session.Store(new CachedEmbedding
                {
                    Id = CachedEmbedding.KeyFor(embedder.Model, t),
                    Vector = Enumerable.Range(0, embedder.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(),
                });
            }
            await session.SaveChangesAsync();
        }
    }
}
