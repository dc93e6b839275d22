using Mem0.Scheduler.Backups;

namespace Mem0.Tests.Unit.Scheduling;

public sealed class Backup_name_specs
{
    [Fact]
    public void A_name_carries_its_utc_time_and_gives_it_back()
    {
        var at = new DateTimeOffset(2026, 5, 20, 5, 0, 0, TimeSpan.FromHours(2));
        var name = BackupNames.For(at);

        Assert.Equal("2026-05-20T03-00-00Z.mem0-backup.tar.gz", name);
        Assert.Equal(at, BackupNames.TakenAt("mem0-backups/" + name));
        Assert.True(BackupNames.IsBackup(name));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("2026-05-20T03-00-00Z.snapshot")]
    [InlineData("yesterday.mem0-backup.tar.gz")]
    public void Other_files_are_not_backups(string name) => Assert.False(BackupNames.IsBackup(name));
}
