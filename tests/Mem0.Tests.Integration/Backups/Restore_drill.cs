using Mem0.Cli.Admin;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Backups;

/// <summary>
/// The drill the guide tells operators to run: write, back up (to a folder and to S3), wipe the database,
/// restore with `mem0 admin restore`, and check the restored store reads exactly as before: every memory, every
/// history, the answers to a fixed set of searches. A memory added after the backup is not in the restore.
/// </summary>
public sealed class Restore_drill
{
    [S3Fact]
    public async Task A_wiped_store_restored_from_a_folder_or_from_s3_reads_exactly_as_before()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        var folder = Directory.CreateTempSubdirectory("mem0-drill-").FullName;
        var bucket = await S3StandIn.NewBucketAsync();
        var settings = new Dictionary<string, string?>(S3StandIn.Settings(bucket)) { ["BACKUP_DIR"] = folder };
        List<string> before;
        Guid deleted, updated;
        await using (var first = new Mem0Host(schema, settings, dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            (updated, deleted) = await StoreState.WriteAsync(api);
            before = await StoreState.ReadAsync(api);

            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await BackupCommand.RunAsync(AdminSettings(schema, settings), output, error, CancellationToken.None);
            Assert.True(exit == 0, error.ToString());
            // 20 + 3 adds, 1 update, 1 delete: 23 memory streams and the adds' 23 sources, 22 memories live.
            Assert.Contains("Backed up 22 memories (48 events in 46 streams", output.ToString());
            Assert.Contains($"written to {folder}/", output.ToString());
            Assert.Contains($"written to s3://{bucket}/mem0-backups/", output.ToString());

            await api.AddOne("Added after the backup, so not in it.");
        }
        var file = Assert.Single(Directory.GetFiles(folder));
        var key = Assert.Single(await S3StandIn.KeysAsync(bucket));
        Assert.Equal(Path.GetFileName(file), key["mem0-backups/".Length..]);
        var listing = new StringWriter();
        Assert.Equal(0, await ListBackupsCommand.RunAsync(AdminSettings(schema, settings).Backups, listing, new StringWriter(), CancellationToken.None));
        Assert.Contains($"  {file}  ", listing.ToString());
        Assert.Contains($"s3://{bucket}/mem0-backups: 1 backup\n  {key}  ", listing.ToString().ReplaceLineEndings("\n"));

        foreach (var source in new[] { file, key })
        {
            await TestEnvironment.DropSchemaAsync(schema);
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await RestoreCommand.RunAsync(AdminSettings(schema, settings), source, force: false, output, error, CancellationToken.None);
            Assert.True(exit == 0, error.ToString());
            Assert.Contains("checksums verified", output.ToString());
            Assert.Contains("Restored into schema " + schema + ": 22 memories, 48 events in 46 streams", output.ToString());

            await using var restored = new Mem0Host(schema, settings, dropSchemaOnDispose: false);
            var api = await restored.ReadyAsync();
            Assert.Equal(before, await StoreState.ReadAsync(api));
            Assert.DoesNotContain(await api.ListIds(), id => id == deleted);
            // The store takes new writes after a restore: event sequences and streams carry on, restored memories
            // can be changed and deleted (their stream versions and document versions agree).
            var added = await api.AddOne("Written after the restore.");
            Assert.Equal("Written after the restore.", (await api.GetJson($"/api/v1/memories/{added}")).Body.GetProperty("memory").GetString());
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PutJson($"/api/v1/memories/{updated}", new { content = "Quentin hikes in the Alps now." })).Status);
            Assert.Equal(["ADD", "UPDATE", "UPDATE"], (await api.GetJson($"/api/v1/memories/{updated}/history")).Body.EnumerateArray()
                .Select(h => h.GetProperty("event").GetString()));
            Assert.Contains("Quentin hikes in the Alps now.", await api.SearchTexts("mountain walking", 3));
            var wilhelmina = (await api.PostJson("/api/v1/memories/search", new { query = "Philips", mode = "keyword" })).Body.GetProperty("results")[0].GetProperty("id").GetGuid();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.DeleteJson($"/api/v1/memories/{wilhelmina}")).Status);
            Assert.Empty((await api.PostJson("/api/v1/memories/search", new { query = "Philips", mode = "keyword" })).Body.GetProperty("results").EnumerateArray());
        }
        await TestEnvironment.DropSchemaAsync(schema);
    }

    [Fact]
    public async Task A_restore_refuses_a_running_server_and_a_store_with_memories_unless_forced_and_then_replaces_it()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        var folder = Directory.CreateTempSubdirectory("mem0-force-").FullName;
        var settings = new Dictionary<string, string?> { ["BACKUP_DIR"] = folder };
        Guid kept, later;
        string file;
        await using (var host = new Mem0Host(schema, settings, dropSchemaOnDispose: false))
        {
            var api = await host.ReadyAsync();
            kept = await api.AddOne("Petronella builds harpsichords in Utrecht.");
            Assert.Equal(0, await BackupCommand.RunAsync(AdminSettings(schema, settings), new StringWriter(), new StringWriter(), CancellationToken.None));
            later = await api.AddOne("Written after the backup.");
            file = Assert.Single(Directory.GetFiles(folder));

            var whileRunning = new StringWriter();
            Assert.Equal(1, await RestoreCommand.RunAsync(AdminSettings(schema, settings), file, force: true, new StringWriter(), whileRunning, CancellationToken.None));
            Assert.Contains($"A mem0 server is running on schema {schema}", whileRunning.ToString());
            Assert.Equal(2, (await api.ListIds()).Count);
        }

        var error = new StringWriter();
        Assert.Equal(1, await RestoreCommand.RunAsync(AdminSettings(schema, settings), file, force: false, new StringWriter(), error, CancellationToken.None));
        Assert.Contains("is not empty", error.ToString());
        Assert.Contains("--force", error.ToString());

        error = new StringWriter();
        Assert.True(await RestoreCommand.RunAsync(AdminSettings(schema, settings), file, force: true, new StringWriter(), error, CancellationToken.None) == 0,
            error.ToString());
        await using var again = new Mem0Host(schema, settings);
        var restored = await again.ReadyAsync();
        Assert.Equal([kept], await restored.ListIds());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await restored.GetJson($"/api/v1/memories/{later}")).Status);
    }

    [Fact]
    public async Task A_restore_whose_qdrant_is_down_keeps_the_restored_store_and_says_the_index_needs_a_rebuild()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        var folder = Directory.CreateTempSubdirectory("mem0-noqdrant-").FullName;
        var settings = new Dictionary<string, string?> { ["BACKUP_DIR"] = folder };
        Guid kept;
        await using (var host = new Mem0Host(schema, settings))
        {
            kept = await (await host.ReadyAsync()).AddOne("Philippa charts tide pools on Skye.");
            Assert.Equal(0, await BackupCommand.RunAsync(AdminSettings(schema, settings), new StringWriter(), new StringWriter(), CancellationToken.None));
        }
        var port = TestEnvironment.FreePort();
        var qdrant = new Dictionary<string, string?>(settings)
        {
            ["MEM0_VECTOR_STORE"] = "qdrant", ["QDRANT_HOST"] = "127.0.0.1", ["QDRANT_GRPC_PORT"] = port.ToString(), ["QDRANT_HTTPS"] = "false",
            ["QDRANT_API_KEY"] = "unused",
        };
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await RestoreCommand.RunAsync(AdminSettings(schema, qdrant), Assert.Single(Directory.GetFiles(folder)), force: false, output, error,
            CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"Restored into schema {schema}: 1 memories", output.ToString());
        Assert.Contains("Vector index: NOT rebuilt: Qdrant at 127.0.0.1", output.ToString());
        Assert.Contains("`mem0 admin rebuild-index`", error.ToString());
        await using var after = new Mem0Host(schema, settings);
        Assert.Equal([kept], await (await after.ReadyAsync()).ListIds());
    }

    /// <summary>What the admin commands read from the environment, for this test's schema.</summary>
    internal static Settings.Mem0Settings AdminSettings(string schema, IDictionary<string, string?> extra)
    {
        var values = new Dictionary<string, string?>(TestVectorStore.Apply(schema, extra))
        {
            ["MEM0_PROFILE"] = "local", ["MEM0_DATABASE_URL"] = TestEnvironment.DatabaseUrl, ["MEM0_DATABASE_SCHEMA"] = schema,
        };
        var error = new StringWriter();
        return AdminServices.LoadSettings(error, values) ?? throw new InvalidOperationException(error.ToString());
    }
}
