using Hangfire;
using Hangfire.Storage;
using Mem0.Api.Health;
using Mem0.Scheduler.Digest;
using Mem0.Scheduler.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Ui.Pages;

/// <summary>
/// How the deployment is doing: the health check's answer (store, bus, vector index, lags), the backups with a
/// "back up now", the scheduled jobs' last and next runs, and the digest as it would go out now.
/// </summary>
public sealed class OperationsModel(BackupListing backups, JobStorage jobs, IBackgroundJobClient client, DigestRunner digest) : ConsolePage
{
    /// <summary>`plain` previews the digest's list, `summary` asks the chat model for the text it would send.</summary>
    [BindProperty(SupportsGet = true, Name = "digest")] public string? DigestPreview { get; set; }

    public HealthResponse Health { get; private set; } = null!;
    public IReadOnlyList<BackupEntry> Backups { get; private set; } = [];
    public string? BackupProblem { get; private set; }
    public bool BackupsConfigured => backups.Configured;
    public IReadOnlyList<RecurringJobDto> Jobs { get; private set; } = [];
    public DigestDraft? Digest { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Health = await HealthEndpoint.ReadAsync(HttpContext.RequestServices, deep: false, ct);
        (Backups, BackupProblem) = await backups.ListAsync(ct);
        using (var connection = jobs.GetConnection())
        {
            Jobs = connection.GetRecurringJobs([BackupJob.Id, DigestJob.Id, PruneCommandRecordsJob.Id]);
        }
        if (DigestPreview is "plain" or "summary") Digest = await digest.ComposeAsync(summarize: DigestPreview == "summary", ct);
    }

    /// <summary>Queues one backup now for the scheduler process (the same job as the nightly one).</summary>
    public async Task<IActionResult> OnPostBackupAsync(CancellationToken ct)
    {
        if (!backups.Configured)
        {
            Refuse("No backup target: set BACKUP_DIR (a folder) or S3_BUCKET, then restart.", StatusCodes.Status409Conflict);
            await OnGetAsync(ct);
            return Page();
        }
        var id = client.Enqueue<BackupJob>(j => j.RunAsync(CancellationToken.None));
        return Back("/ui/operations", $"Backup queued as job {id}; it shows here when the scheduler has written it (and in /hangfire).");
    }
}
