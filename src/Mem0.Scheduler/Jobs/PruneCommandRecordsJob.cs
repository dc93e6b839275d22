using Marten;
using Mem0.Projections.Commands;
using Mem0.Settings;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Jobs;

/// <summary>
/// Forgets what retries no longer need, every hour: idempotency records (stored answers to `Idempotency-Key`s) and
/// command receipts (the inbox) older than MEM0_IDEMPOTENCY_TTL_HOURS. A retry after that runs as a new request, which
/// the content fingerprint still keeps from storing an add twice.
/// </summary>
public sealed class PruneCommandRecordsJob(IDocumentStore store, ServerOptions server, TimeProvider clock, ILogger<PruneCommandRecordsJob> log)
{
    public const string Id = "prune-command-records";
    public const string Cron = "23 * * * *";

    public Task RunAsync(CancellationToken ct) => JobOutcome.RunAsync(Id, log, async () =>
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromHours(server.IdempotencyTtlHours);
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.CreatedAt < cutoff);
        session.DeleteWhere<CommandReceipt>(r => r.At < cutoff);
        await session.SaveChangesAsync(ct);
        log.LogInformation("Pruned idempotency records and command receipts older than {Cutoff:u}", cutoff);
    });
}
