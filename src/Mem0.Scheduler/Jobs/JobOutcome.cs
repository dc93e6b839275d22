using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Mem0.Scheduler.Jobs;

/// <summary>
/// Every job runs through here, so a failure is always an error in the log and a count on /metrics before
/// Hangfire records it and schedules its retry; a success stamps the time, for "no backup for two days" alerts.
/// </summary>
public static class JobOutcome
{
    private static readonly Counter Runs = Metrics.CreateCounter("mem0_job_runs_total",
        "Scheduled job runs by job and outcome (succeeded, failed).", "job", "outcome");
    private static readonly Gauge LastSuccess = Metrics.CreateGauge("mem0_job_last_success_timestamp_seconds",
        "Unix time of each job's last successful run.", "job");

    /// <summary>A failure inside a run that did not fail it (a part that could be done without).</summary>
    public static void CountFailure(string part) => Runs.WithLabels(part, "failed").Inc();

    public static async Task RunAsync(string job, ILogger log, Func<Task> body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            Runs.WithLabels(job, "failed").Inc();
            log.LogError(ex, "Job {Job} failed after {Seconds:F1} s: {Reason}", job, clock.Elapsed.TotalSeconds, ex.Message);
            throw;
        }
        Runs.WithLabels(job, "succeeded").Inc();
        LastSuccess.WithLabels(job).SetToCurrentTimeUtc();
        log.LogInformation("Job {Job} succeeded in {Seconds:F1} s", job, clock.Elapsed.TotalSeconds);
    }
}
