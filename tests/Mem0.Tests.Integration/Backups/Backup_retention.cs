using Mem0.Scheduler.Backups;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Backups;

/// <summary>
/// Retention as the guide's backup app applies it, on the server's clock: the folder keeps the 3 newest backups,
/// S3 loses objects older than RETENTION_DAYS (never the newest). Nothing sleeps; the test moves the clock.
/// </summary>
public sealed class Backup_retention
{
    [Fact]
    public async Task The_folder_keeps_the_three_newest_backups_and_leaves_other_files_alone()
    {
        var folder = Directory.CreateTempSubdirectory("mem0-keep-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a backup");
        var clock = new TestClock(new DateTimeOffset(2026, 5, 20, 3, 0, 0, TimeSpan.Zero));
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["BACKUP_DIR"] = folder }, clock: clock);
        await (await host.ReadyAsync()).AddOne("Aurelio tunes church organs in Umbria.");
        var runner = host.Services.GetRequiredService<BackupRunner>();

        var pruned = new List<string>();
        for (var day = 0; day < 5; day++)
        {
            pruned.AddRange((await runner.RunAsync(CancellationToken.None)).Pruned);
            clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(
            ["2026-05-22T03-00-00Z.mem0-backup.tar.gz", "2026-05-23T03-00-00Z.mem0-backup.tar.gz", "2026-05-24T03-00-00Z.mem0-backup.tar.gz", "notes.txt"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList());
        Assert.Equal(["2026-05-20T03-00-00Z.mem0-backup.tar.gz", "2026-05-21T03-00-00Z.mem0-backup.tar.gz"],
            pruned.Select(Path.GetFileName).Order().ToList());
    }

    [S3Fact]
    public async Task S3_objects_older_than_the_retention_days_are_pruned_and_younger_ones_kept()
    {
        var bucket = await S3StandIn.NewBucketAsync();
        var clock = new TestClock(new DateTimeOffset(2026, 5, 1, 3, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>(S3StandIn.Settings(bucket)) { ["RETENTION_DAYS"] = "14", ["S3_PREFIX"] = "nightly/mem0" };
        await using var host = new Mem0Host(null, settings, clock: clock);
        await (await host.ReadyAsync()).AddOne("Aurelio tunes church organs in Umbria.");
        var runner = host.Services.GetRequiredService<BackupRunner>();
        using (var s3 = S3StandIn.Client())
        {
            // Someone else's object under the prefix, and one beside it: retention touches only backups it named.
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = "nightly/mem0/README.txt", ContentBody = "x", UseChunkEncoding = false });
        }

        await runner.RunAsync(CancellationToken.None);                 // May 1
        clock.Advance(TimeSpan.FromDays(10));
        await runner.RunAsync(CancellationToken.None);                 // May 11
        clock.Advance(TimeSpan.FromDays(4));
        var onDay14 = await runner.RunAsync(CancellationToken.None);   // May 15: May 1 is exactly 14 days old, kept
        clock.Advance(TimeSpan.FromDays(1));
        var onDay15 = await runner.RunAsync(CancellationToken.None);   // May 16: May 1 is past 14 days, pruned

        Assert.Empty(onDay14.Pruned);
        Assert.Equal([$"s3://{bucket}/nightly/mem0/2026-05-01T03-00-00Z.mem0-backup.tar.gz"], onDay15.Pruned);
        Assert.Equal(
            ["nightly/mem0/2026-05-11T03-00-00Z.mem0-backup.tar.gz", "nightly/mem0/2026-05-15T03-00-00Z.mem0-backup.tar.gz",
             "nightly/mem0/2026-05-16T03-00-00Z.mem0-backup.tar.gz", "nightly/mem0/README.txt"],
            await S3StandIn.KeysAsync(bucket));
    }
}
