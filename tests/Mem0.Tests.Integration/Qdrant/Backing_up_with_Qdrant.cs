using System.Formats.Tar;
using System.IO.Compression;
using Mem0.Cli.Admin;
using Mem0.Tests.Integration.Backups;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Qdrant;

/// <summary>
/// The drill on a live Qdrant: the backup carries the collection's snapshot beside the event store, and a restore
/// into a wiped database fills a fresh collection behind the alias from the restored embedding cache (no provider
/// calls), so searches answer as before, without the memories written after the backup.
/// </summary>
public sealed class Backing_up_with_Qdrant : IAsyncLifetime
{
    private readonly string _alias = "mem0_test_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_backup_holds_the_collection_snapshot_and_a_restore_rebuilds_the_collection()
    {
        var folder = Directory.CreateTempSubdirectory("mem0-qdrant-drill-").FullName;
        var settings = new Dictionary<string, string?>(QdrantTarget.Settings(_alias)) { ["BACKUP_DIR"] = folder };
        List<string> before;
        await using (var first = new Mem0Host(_schema, settings, dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            await StoreState.WriteAsync(api);
            before = await StoreState.ReadAsync(api);
            var error = new StringWriter();
            Assert.True(await BackupCommand.RunAsync(Restore_drill.AdminSettings(_schema, settings), new StringWriter(), error, default) == 0, error.ToString());
            await api.AddOne("Added after the backup, so not in it.");
        }
        var backup = Assert.Single(Directory.GetFiles(folder));
        await using (var gzip = new GZipStream(File.OpenRead(backup), CompressionMode.Decompress))
        {
            var names = new List<string>();
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync() is { } entry) names.Add(entry.Name);
            Assert.Contains(names, n => n.StartsWith("qdrant/") && n.EndsWith(".snapshot"));
        }

        await TestEnvironment.DropSchemaAsync(_schema);
        var output = new StringWriter();
        var restoreError = new StringWriter();
        Assert.True(await RestoreCommand.RunAsync(Restore_drill.AdminSettings(_schema, settings), backup, false, output, restoreError, default) == 0,
            restoreError.ToString() + output);
        Assert.Contains("22 memories indexed into", output.ToString());

        await using var restored = new Mem0Host(_schema, settings);
        Assert.Equal(before, await StoreState.ReadAsync(await restored.ReadyAsync()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await QdrantTarget.DeleteCollectionsAsync(_alias);
        await TestEnvironment.DropSchemaAsync(_schema);
    }
}
