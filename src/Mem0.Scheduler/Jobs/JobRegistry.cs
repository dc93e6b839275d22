using Hangfire;
using Mem0.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Jobs;

/// <summary>
/// Every recurring job in one place, with a stable id and its cron from the settings (UTC). Registering is an
/// upsert by id, so restarts and several scheduler processes leave one entry per job.
/// </summary>
public sealed class JobRegistry(IRecurringJobManager jobs, IBackgroundJobClient client, BackupOptions backups, DigestOptions digest, ILogger<JobRegistry> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<RebuildIndexJob>(RebuildIndexJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Never(), utc);
        jobs.AddOrUpdate<PruneCommandRecordsJob>(PruneCommandRecordsJob.Id, j => j.RunAsync(CancellationToken.None), PruneCommandRecordsJob.Cron, utc);

        if (backups.BackupConfigured)
        {
            jobs.AddOrUpdate<BackupJob>(BackupJob.Id, j => j.RunAsync(CancellationToken.None), backups.BackupCron, utc);
        }
        else
        {
            jobs.RemoveIfExists(BackupJob.Id);
            log.LogWarning("Backups are off: set BACKUP_DIR or S3_BUCKET to back up the event store on BACKUP_CRON");
        }

        if (digest.DigestCron == BackupOptions.CronOff) jobs.RemoveIfExists(DigestJob.Id);
        else jobs.AddOrUpdate<DigestJob>(DigestJob.Id, j => j.RunAsync(CancellationToken.None), digest.DigestCron, utc);
        if (digest.DigestRunOnStart) client.Enqueue<DigestJob>(j => j.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
