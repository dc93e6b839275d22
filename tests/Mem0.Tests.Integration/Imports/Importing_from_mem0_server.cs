using System.Net;
using System.Text.Json;
using Mem0.Cli.Import.Mem0Server;
using Mem0.Projections.Embeddings;
using Mem0.Tests.Integration.Backups;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.Qdrant;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Mem0.Tests.Integration.Imports;

/// <summary>
/// `mem0 import mem0-server` against a Qdrant stand-in seeded as the Python mem0 library writes a collection
/// (`data`, `hash`, `created_at`/`updated_at` in US/Pacific time, `user_id`/`agent_id`/`run_id`, the caller's
/// metadata beside them) and a history.db made here with mem0's `history` table, into a running server.
/// </summary>
public sealed class Importing_from_mem0_server : IAsyncLifetime
{
    private static readonly Guid Tennis = Guid.Parse("3f0c2a4e-9b1d-4c6e-8a57-0d2b9e4f6a11");
    private static readonly Guid Vegetarian = Guid.Parse("7a1e5c3b-2d4f-4e8a-9b60-1c3d5e7f9a22");
    private static readonly Guid Acme = Guid.Parse("b2d4f6a8-0c1e-4a3b-8d5f-7e9a1b3c5d33");
    private static readonly Guid Paris = Guid.Parse("c4e6a8b0-2d3f-4b5c-9e7a-8f0b2c4d6e44");

    private QdrantStandIn.QdrantStandIn _legacy = null!;
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _history = Path.Combine(Path.GetTempPath(), $"mem0-history-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync() => _legacy = await QdrantTarget.StartOwnAsync(apiKey: "legacy-key");

    [Fact]
    public async Task Points_become_memories_with_their_ids_texts_times_and_histories_and_a_re_run_adds_nothing()
    {
        await using var host = new Mem0Host(_schema, null);
        var api = await host.ReadyAsync();
        var embedder = host.Services.GetRequiredService<IEmbedder>();
        // The Python service embedded with the server's own model here, so its vectors are reused as they are.
        await SeedAsync("memories", embedder.Dimensions, text => embedder.EmbedAsync(text, default));
        WriteHistory(
            (Tennis, "ADD", null, "Improving her tennis skills", "2023-05-01T10:00:00.123456-07:00", null, 0),
            (Vegetarian, "ADD", null, "Is vegetarian", "2023-05-02T09:30:00-07:00", null, 0),
            (Tennis, "NONE", null, null, null, null, 0),
            (Tennis, "UPDATE", "Improving her tennis skills", "Likes to play tennis on weekends", "2023-05-01T10:00:00.123456-07:00", "2023-06-02T08:15:00-07:00", 0),
            (Paris, "ADD", null, "Lives in Paris", "2023-04-01T12:00:00-07:00", null, 0),
            (Paris, "DELETE", "Lives in Paris", null, null, null, 1));

        var (code, output, error) = await ImportAsync(new Options(Model: embedder.Model));

        Assert.True(code == 0, error + output);
        Assert.Contains("Vectors: reused", output);
        Assert.Contains("Imported 3 memories (2 with their history, 4 events, 3 vectors reused); 0 already present; 0 refused.", output);
        Assert.Contains("Not imported: the history of 1 memories no longer in the collection", output);

        var tennis = (await api.GetJson($"/api/v1/memories/{Tennis}")).Body;
        Assert.Equal(("Likes to play tennis on weekends", "alice", "claude-code"),
            (tennis.GetProperty("memory").GetString(), tennis.GetProperty("user_id").GetString(), tennis.GetProperty("agent_id").GetString()));
        Assert.Equal("hobbies", tennis.GetProperty("metadata").GetProperty("category").GetString());
        Assert.False(tennis.GetProperty("metadata").TryGetProperty("hash", out _));
        Assert.Equal(DateTimeOffset.Parse("2023-05-01T17:00:00.123456Z"), tennis.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2023-06-02T15:15:00Z"), tennis.GetProperty("updated_at").GetDateTimeOffset());
        var history = (await api.GetJson($"/api/v1/memories/{Tennis}/history")).Body;
        var rows = (history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("results")).EnumerateArray().ToList();
        Assert.Equal([("ADD", null, "Improving her tennis skills"), ("UPDATE", "Improving her tennis skills", "Likes to play tennis on weekends")],
            rows.Select(r => (r.GetProperty("event").GetString(), r.GetProperty("old_memory").GetString(), r.GetProperty("new_memory").GetString())));

        var vegetarian = (await api.GetJson($"/api/v1/memories/{Vegetarian}")).Body;
        Assert.Equal(("run-7", "alice-phone", "user"), (vegetarian.GetProperty("run_id").GetString(),
            vegetarian.GetProperty("metadata").GetProperty("actor_id").GetString(), vegetarian.GetProperty("metadata").GetProperty("role").GetString()));
        var acme = (await api.GetJson($"/api/v1/memories/{Acme}")).Body;
        Assert.Equal(("Works at Acme", "bob", DateTimeOffset.Parse("2024-01-10T00:00:00Z")),
            (acme.GetProperty("memory").GetString(), acme.GetProperty("user_id").GetString(), acme.GetProperty("created_at").GetDateTimeOffset()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetJson($"/api/v1/memories/{Paris}")).Status);
        await Eventually.HoldsAsync(async () => (await SearchAsync(api, "alice", "what sport does she play?")).FirstOrDefault() == Tennis,
            TimeSpan.FromSeconds(20), "the imported memories to be searchable");

        var (again, rerun, _) = await ImportAsync(new Options(Model: embedder.Model));
        Assert.Equal(0, again);
        Assert.Contains("Imported 0 memories (0 with their history, 0 events, 0 vectors reused); 3 already present; 0 refused.", rerun);
        Assert.Equal(2, (await api.GetJson("/api/v1/memories?user_id=alice")).Body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Vectors_of_another_model_are_left_for_the_server_to_embed_and_a_dry_run_or_a_limit_writes_only_what_it_says()
    {
        await using var host = new Mem0Host(_schema, null);
        var api = await host.ReadyAsync();
        await SeedAsync("memories", 8, text => Task.FromResult(Enumerable.Range(0, 8).Select(i => (float)(text.Length % (i + 2)) + 0.5f).ToArray()));

        var (dry, dryOut, dryError) = await ImportAsync(new Options(DryRun: true));
        Assert.True(dry == 0, dryError);
        Assert.Contains("Vectors: not reused (8-d text-embedding-3-small", dryOut);
        Assert.Contains("Would import 3 memories (0 with their history, 3 events, 0 vectors reused)", dryOut);
        Assert.Empty(await api.ListIds("&user_id=alice"));

        var (limited, limitedOut, _) = await ImportAsync(new Options(Limit: 2));
        Assert.Equal(0, limited);
        Assert.Contains("Imported 2 memories", limitedOut);
        var (rest, restOut, _) = await ImportAsync(new Options());
        Assert.Equal(0, rest);
        Assert.Contains("Imported 1 memories (0 with their history, 1 events, 0 vectors reused); 2 already present", restOut);
        // The server embedded the imported texts with its own model when it indexed them.
        await Eventually.HoldsAsync(async () => (await SearchAsync(api, "bob", "where does he work?")).FirstOrDefault() == Acme,
            TimeSpan.FromSeconds(20), "the server to embed and index the imported texts");
    }

    [Fact]
    public async Task A_wrong_collection_or_a_missing_history_file_says_so_and_writes_nothing()
    {
        var (code, _, error) = await ImportAsync(new Options(Collection: "no_such_collection"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read collection 'no_such_collection'", error);
        (code, _, error) = await ImportAsync(new Options(History: "/nonexistent/history.db"));
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/history.db: no such history database", error);
    }

    private sealed record Options(string? Model = null, bool DryRun = false, int? Limit = null, string Collection = "memories", string? History = null);

    private async Task<(int Code, string Output, string Error)> ImportAsync(Options o)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var options = new Mem0ServerImportOptions(_legacy.GrpcUrl, "legacy-key", o.Collection, o.History ?? (File.Exists(_history) ? _history : null),
            o.DryRun, o.Limit, o.Model ?? "text-embedding-3-small");
        var code = await Mem0ServerImport.RunAsync(Restore_drill.AdminSettings(_schema, new Dictionary<string, string?>()), options, output, error, default);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<List<Guid>> SearchAsync(HttpClient api, string user, string query)
    {
        var reply = await api.PostJson("/api/v1/memories/search", new { query, user_id = user, limit = 1 });
        return reply.Status != HttpStatusCode.OK ? [] : reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
    }

    /// <summary>Three live memories in mem0's payload layout (Paris was deleted by mem0, so only its history is left).</summary>
    private async Task SeedAsync(string collection, int dimensions, Func<string, Task<float[]>> embed)
    {
        using var client = new QdrantClient(_legacy.GrpcUrl, "legacy-key");
        await client.CreateCollectionAsync(collection, new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine });
        async Task<PointStruct> Point(Guid id, string text, Dictionary<string, Value> payload)
        {
            var point = new PointStruct { Id = id, Vectors = await embed(text) };
            point.Payload["data"] = text;
            point.Payload["hash"] = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            foreach (var (k, v) in payload) point.Payload[k] = v;
            return point;
        }
        await client.UpsertAsync(collection,
        [
            await Point(Tennis, "Likes to play tennis on weekends", new()
            {
                ["user_id"] = "alice", ["agent_id"] = "claude-code", ["category"] = "hobbies",
                ["created_at"] = "2023-05-01T10:00:00.123456-07:00", ["updated_at"] = "2023-06-02T08:15:00-07:00",
            }),
            await Point(Vegetarian, "Is vegetarian", new()
            {
                ["user_id"] = "alice", ["run_id"] = "run-7", ["actor_id"] = "alice-phone", ["role"] = "user", ["created_at"] = "2023-05-02T09:30:00-07:00",
            }),
            await Point(Acme, "Works at Acme", new() { ["user_id"] = "bob", ["created_at"] = "2024-01-09T16:00:00-08:00" }),
        ]);
    }

    /// <summary>mem0's history.db: the `history` table as mem0's SQLiteManager creates it, rows in the order given.</summary>
    private void WriteHistory(params (Guid Memory, string Event, string? Old, string? New, string? CreatedAt, string? UpdatedAt, int IsDeleted)[] rows)
    {
        using var db = new SqliteConnection($"Data Source={_history}");
        db.Open();
        using (var create = db.CreateCommand())
        {
            create.CommandText = "create table history (id text primary key, memory_id text, old_memory text, new_memory text, event text, " +
                                 "created_at datetime, updated_at datetime, is_deleted integer, actor_id text, role text)";
            create.ExecuteNonQuery();
        }
        foreach (var r in rows)
        {
            using var insert = db.CreateCommand();
            insert.CommandText = "insert into history values ($id, $memory, $old, $new, $event, $created, $updated, $deleted, null, null)";
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
            insert.Parameters.AddWithValue("$memory", r.Memory.ToString());
            insert.Parameters.AddWithValue("$old", (object?)r.Old ?? DBNull.Value);
            insert.Parameters.AddWithValue("$new", (object?)r.New ?? DBNull.Value);
            insert.Parameters.AddWithValue("$event", r.Event);
            insert.Parameters.AddWithValue("$created", (object?)r.CreatedAt ?? DBNull.Value);
            insert.Parameters.AddWithValue("$updated", (object?)r.UpdatedAt ?? DBNull.Value);
            insert.Parameters.AddWithValue("$deleted", r.IsDeleted);
            insert.ExecuteNonQuery();
        }
    }

    public async Task DisposeAsync()
    {
        await _legacy.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_history);
        await TestEnvironment.DropSchemaAsync(_schema);
    }
}
