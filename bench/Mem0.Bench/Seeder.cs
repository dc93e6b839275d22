using System.Diagnostics;
using Marten;
using Mem0.Contracts.Events;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Store;
using Microsoft.Extensions.Configuration;

namespace Mem0.Bench;

/// <summary>
/// Writes N memories straight into the event store of MEM0_DATABASE_URL / MEM0_DATABASE_SCHEMA, as an import
/// would: one MemoryAdded stream each, with a cached vector so the server loads them without embedding. The
/// vectors are random (this is for volume, not meaning); the texts carry a unique reference for keyword queries.
/// </summary>
public static class Seeder
{
    public static string Text(int i) => $"{Corpus.Sentence(i)} Ref K{i:x5}.";

    public static async Task RunAsync(int count)
    {
        var settings = Mem0Settings.Load(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        using var store = DocumentStore.For(o => StoreSetup.Configure(o, settings.Store, DatabaseUrl.ToConnectionString(settings.Store.DatabaseUrl!)));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        // Cached under the model the server will use (MEM0_EMBED_MODEL, else the local default), so it loads them.
        await SeedAsync(store, count, settings.Ai.EmbedModel);
        // What autovacuum does after a large import, done now so it does not run in the middle of the measurement
        // (it did: semantic p95 15.4 ms right after seeding, 10.9-11.7 ms on the same data once settled). Without
        // statistics the planner also skips the text indexes.
        await using var db = Npgsql.NpgsqlDataSource.Create(DatabaseUrl.ToConnectionString(settings.Store.DatabaseUrl!));
        foreach (var table in new[] { MartenTables.Views, Mem0.Projections.Memories.Ranking.MemoryTermsTable.Name, MartenTables.Events, MartenTables.Streams, MartenTables.Embeddings })
        {
            await using var vacuum = db.CreateCommand($"vacuum (analyze) {settings.Store.DatabaseSchema}.{table}");
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    private static readonly string[] Agents = ["bench-seed", "claude-code", "chatgpt", "n8n"];
    private static readonly System.Text.Json.JsonElement Pending = System.Text.Json.JsonSerializer.SerializeToElement("pending");

    private static async Task SeedAsync(IDocumentStore store, int count, string model)
    {
        var random = new Random(count);
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        var spacing = Math.Max(1.0, TimeSpan.FromDays(30).TotalSeconds / Math.Max(1, count));
        var sw = Stopwatch.StartNew();
        const int batch = 2000;
        for (var start = 0; start < count; start += batch)
        {
            await using var session = store.LightweightSession();
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                // Spread over the 30 days, four agents, one memory in a hundred waiting for review: what the console's
                // chart and review queue read on a store of this size.
                var when = at.AddSeconds(i * spacing);
                var id = Guid.CreateVersion7(when);
                var text = Text(i);
                var metadata = i % 100 == 0 ? new Dictionary<string, System.Text.Json.JsonElement> { ["review_status"] = Pending } : null;
                session.Events.StartStream(id, new MemoryAdded(id, text, Fingerprint.Of(text), null, "bench-user", Agents[i % Agents.Length], null, metadata,
                    "bench", when));
                session.Store(new CachedEmbedding
                {
                    Id = CachedEmbedding.KeyFor(model, text),
                    Vector = Enumerable.Range(0, AiOptions.LocalModelDims).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(),
                });
            }
            await session.SaveChangesAsync();
            if ((start / batch) % 10 == 9 || start + batch >= count)
            {
                Console.Error.WriteLine($"seeded {Math.Min(count, start + batch)}/{count} ({sw.Elapsed.TotalSeconds:0.0} s)");
            }
        }
    }
}
