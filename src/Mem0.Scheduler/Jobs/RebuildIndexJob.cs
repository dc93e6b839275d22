using Hangfire;
using Mem0.Projections.Vectors;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Jobs;

/// <summary>
/// The vector index rebuild as a Hangfire job: registered without a schedule, so it is started from the
/// dashboard ("Recurring jobs" → Trigger now) and its runs, failures and retries show there. Does what
/// `mem0 admin rebuild-index` does; a run while another rebuild is going fails and is retried later.
/// </summary>
public sealed class RebuildIndexJob(VectorIndexRebuilder rebuilder, ILogger<RebuildIndexJob> log)
{
    public const string Id = "rebuild-index";

    [AutomaticRetry(Attempts = 2)]
    public Task RunAsync(CancellationToken ct) => JobOutcome.RunAsync(Id, log, async () =>
    {
        var lastLogged = DateTime.MinValue;
        var done = await rebuilder.RunAsync(p =>
        {
            if (p.Phase != "done" && DateTime.UtcNow - lastLogged < TimeSpan.FromSeconds(5)) return Task.CompletedTask;
            lastLogged = DateTime.UtcNow;
            log.LogInformation("Index rebuild job: {Phase}, {Events} events, {Memories} memories, {Indexed} indexed, {Seconds:F1} s",
                p.Phase, p.Events, p.Memories, p.Indexed, p.Seconds);
            return Task.CompletedTask;
        }, ct);
        log.LogInformation("Index rebuild job finished: {Memories} memories in {Seconds:F1} s", done.Memories, done.Seconds);
    });
}
