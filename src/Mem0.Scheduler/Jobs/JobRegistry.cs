using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Mem0.Scheduler.Jobs;

/// <summary>Every recurring job in one place, with a stable id (the scheduler issue adds backup and digest here).</summary>
public sealed class JobRegistry(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<RebuildIndexJob>(RebuildIndexJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Never());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
