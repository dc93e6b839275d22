using Hangfire;
using Mem0.Scheduler.Digest;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Jobs;

/// <summary>The periodic digest of recently added memories, to the webhook or the log.</summary>
public sealed class DigestJob(DigestRunner runner, ILogger<DigestJob> log)
{
    public const string Id = "digest";

    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken ct) => JobOutcome.RunAsync(Id, log, () => runner.RunAsync(ct));
}
