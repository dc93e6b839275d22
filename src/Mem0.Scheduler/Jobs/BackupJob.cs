using Hangfire;
using Mem0.Scheduler.Backups;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Jobs;

/// <summary>The nightly backup: the event store to the configured targets, then retention.</summary>
public sealed class BackupJob(BackupRunner runner, ILogger<BackupJob> log)
{
    public const string Id = "backup";

    // One run at a time: a slow upload must not meet the next night's run on the same file names.
    [AutomaticRetry(Attempts = 3), DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken ct) => JobOutcome.RunAsync(Id, log, async () =>
    {
        var result = await runner.RunAsync(ct);
        foreach (var place in result.Places) log.LogInformation("Backup written to {Place}", place);
    });
}
