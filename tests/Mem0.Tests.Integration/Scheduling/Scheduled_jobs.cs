using System.Net;
using Hangfire;
using Hangfire.Storage;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Scheduling;

/// <summary>
/// The scheduler role runs Hangfire on the server's schema: the recurring jobs are registered under stable ids
/// with the crons from the settings, run when triggered (what the dashboard's "Trigger now" does), and a failed
/// run is an error in the log and a count on /metrics.
/// </summary>
public sealed class Scheduled_jobs
{
    [Fact]
    public async Task Jobs_are_registered_with_their_crons_and_run_when_triggered()
    {
        var folder = Directory.CreateTempSubdirectory("mem0-jobs-").FullName;
        await using var host = new Mem0Host(null, new Dictionary<string, string?>
        {
            ["BACKUP_DIR"] = folder, ["BACKUP_CRON"] = "15 2 * * *", ["DIGEST_CRON"] = "0 8 * * 1", ["DIGEST_RUN_ON_START"] = "true",
        });
        var api = await host.ReadyAsync();
        await api.AddOne("Leocadia maps lichens on the Burren.");

        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);
            Assert.Equal("15 2 * * *", jobs["backup"]);
            Assert.Equal("0 8 * * 1", jobs["digest"]);
            Assert.True(jobs.ContainsKey("rebuild-index"));
            Assert.Equal(Mem0.Scheduler.Jobs.PruneCommandRecordsJob.Cron, jobs["prune-command-records"]);
        }
        var dashboard = await api.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("rebuild-index", await dashboard.Content.ReadAsStringAsync());

        var manager = host.Services.GetRequiredService<IRecurringJobManager>();
        manager.Trigger("backup");
        manager.Trigger("rebuild-index");

        await WaitForAsync(() => host.Logs.Lines.Any(l => l.Contains("Job backup succeeded")) && host.Logs.Lines.Any(l => l.Contains("Job rebuild-index succeeded")),
            host, "the triggered backup and rebuild jobs to succeed");
        // DIGEST_RUN_ON_START ran one digest without a trigger (at start, so before or after the add: logged either way).
        await WaitForAsync(() => host.Logs.Lines.Any(l => l.Contains("Job digest succeeded")), host, "the digest run at start");
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Mem0.Scheduler.Digest.DigestRunner") &&
                                              (l.Contains("DIGEST_WEBHOOK_URL is not set") || l.Contains("nothing added in the last day")));
        Assert.Single(Directory.GetFiles(folder), f => f.EndsWith(".mem0-backup.tar.gz"));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Index rebuild job finished: 1 memories"));
        var metrics = await (await api.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("mem0_job_last_success_timestamp_seconds{job=\"backup\"}", metrics);
    }

    [Fact]
    public async Task A_failed_backup_is_an_error_in_the_log_and_a_count_on_metrics()
    {
        // An S3 endpoint where nothing listens: the upload fails after the archive is written.
        var port = TestEnvironment.FreePort();
        await using var host = new Mem0Host(null, new Dictionary<string, string?>
        {
            ["S3_BUCKET"] = "nowhere", ["S3_ENDPOINT"] = $"http://127.0.0.1:{port}", ["AWS_ACCESS_KEY_ID"] = "k", ["AWS_SECRET_ACCESS_KEY"] = "s",
        });
        var api = await host.ReadyAsync();

        host.Services.GetRequiredService<IRecurringJobManager>().Trigger("backup");

        await WaitForAsync(() => host.Logs.Lines.Any(l => l.Contains("Job backup failed")), host, "the backup job to fail");
        Assert.Contains(host.Logs.Lines, l => l.Contains("Job backup failed") && l.Contains("level=Error"));
        var metrics = await (await api.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Matches("mem0_job_runs_total\\{job=\"backup\",outcome=\"failed\"\\} [1-9]", metrics);
        // Hangfire keeps the failed run and schedules its retry (AutomaticRetry), visible on the dashboard.
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitForAsync(() => monitoring.ScheduledCount() + monitoring.FailedCount() > 0, host, "the failed backup to be scheduled for a retry");
    }

    private static async Task WaitForAsync(Func<bool> condition, Mem0Host host, string what)
    {
        await Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(90), what,
            () => "Job and error lines:\n" + string.Join("\n", host.Logs.Lines.Where(l => l.Contains("Job") || l.Contains("Hangfire") || l.Contains("rror")).TakeLast(30)),
            TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Pruning_forgets_idempotency_records_and_command_receipts_older_than_the_ttl_and_keeps_the_rest()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_IDEMPOTENCY_TTL_HOURS"] = "24" }, clock: clock);
        await host.ReadyAsync();
        var store = host.Services.GetRequiredService<Marten.IDocumentStore>();
        var now = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            session.Store(new Mem0.Projections.Commands.IdempotencyRecord { Id = "old", CreatedAt = now.AddHours(-25), Completed = true });
            session.Store(new Mem0.Projections.Commands.IdempotencyRecord { Id = "new", CreatedAt = now.AddHours(-23), Completed = true });
            session.Store(new Mem0.Projections.Commands.CommandReceipt { Id = Guid.Empty, At = now.AddHours(-30), Reply = "{}" });
            session.Store(Mem0.Projections.Commands.CommandReceipt.For(Guid.CreateVersion7(), new { kept = true }, now.AddMinutes(-5)));
            await session.SaveChangesAsync();
        }

        await ActivatorUtilities.CreateInstance<Mem0.Scheduler.Jobs.PruneCommandRecordsJob>(host.Services).RunAsync(default);

        await using var read = store.QuerySession();
        Assert.Equal(["new"], (await Marten.QueryableExtensions.ToListAsync(read.Query<Mem0.Projections.Commands.IdempotencyRecord>())).Select(r => r.Id));
        Assert.Equal([now.AddMinutes(-5)], (await Marten.QueryableExtensions.ToListAsync(read.Query<Mem0.Projections.Commands.CommandReceipt>())).Select(r => r.At));
    }
}
