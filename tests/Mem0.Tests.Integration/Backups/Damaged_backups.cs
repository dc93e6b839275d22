using System.Formats.Tar;
using System.IO.Compression;
using Mem0.Cli.Admin;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Backups;

/// <summary>A backup that is not one, or was changed after it was written, is refused before anything is written.</summary>
public sealed class Damaged_backups
{
    [Fact]
    public async Task A_changed_or_foreign_file_is_refused_and_the_database_is_left_untouched()
    {
        var folder = Directory.CreateTempSubdirectory("mem0-damaged-").FullName;
        var settings = new Dictionary<string, string?> { ["BACKUP_DIR"] = folder };
        string schema;
        string backup;
        await using (var host = new Mem0Host(null, settings))
        {
            schema = host.Schema;
            await (await host.ReadyAsync()).AddOne("Isadora repairs tower clocks in Ghent.");
            Assert.Equal(0, await BackupCommand.RunAsync(Restore_drill.AdminSettings(schema, settings), new StringWriter(), new StringWriter(), CancellationToken.None));
            backup = Assert.Single(Directory.GetFiles(folder));
        }

        // The same archive with one event's text changed and the manifest left as it was.
        var tampered = Path.Combine(folder, "tampered.tar.gz");
        var unpacked = Directory.CreateTempSubdirectory("mem0-tamper-").FullName;
        await using (var input = File.OpenRead(backup))
        await using (var gzip = new GZipStream(input, CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(gzip, unpacked, overwriteFiles: false);
        }
        var events = Path.Combine(unpacked, "tables", "mt_events.copy");
        await File.WriteAllTextAsync(events, (await File.ReadAllTextAsync(events)).Replace("tower clocks", "church bells"));
        await using (var output = File.Create(tampered))
        await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            await TarFile.CreateFromDirectoryAsync(unpacked, gzip, includeBaseDirectory: false);
        }
        var foreign = Path.Combine(folder, "notes.tar.gz");
        await File.WriteAllTextAsync(foreign, "just some text");

        var target = "t_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            foreach (var (file, expected) in new[]
                     {
                         (tampered, "tables/mt_events.copy does not match its checksum in the manifest"),
                         (foreign, "is not a mem0 backup archive"),
                         (Path.Combine(folder, "missing.tar.gz"), "is not a backup file here, and no S3_BUCKET is set"),
                     })
            {
                var error = new StringWriter();
                Assert.Equal(1, await RestoreCommand.RunAsync(Restore_drill.AdminSettings(target, settings), file, force: false, new StringWriter(), error, CancellationToken.None));
                Assert.Contains(expected, error.ToString());
            }
            await using var db = TestEnvironment.Database();
            await using var exists = db.CreateCommand($"select count(*) from information_schema.tables where table_schema = '{target}' and table_name = 'mt_events'");
            Assert.Equal(0L, (long)(await exists.ExecuteScalarAsync())!);
        }
        finally
        {
            await TestEnvironment.DropSchemaAsync(target);
        }
    }
}
