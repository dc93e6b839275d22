using Mem0.Settings;
using Mem0.Scheduler.Backups;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Cli.Admin;

/// <summary>
/// `mem0 admin backup`: one backup now, to the configured targets (BACKUP_DIR, S3_BUCKET) or the folder given,
/// with retention as the nightly job applies it; prints where it went. Works on the database directly.
/// </summary>
public static class BackupCommand
{
    public static string Models(BackupManifest m) =>
        m.CachedModels.Count == 0 ? "none" : string.Join(", ", m.CachedModels.Select(p => $"{p.Value} {p.Key}"));

    public static async Task<int> RunAsync(Mem0Settings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var services = AdminServices.Build(settings, error);
        try
        {
            await output.WriteLineAsync($"Backing up schema {settings.Store.DatabaseSchema}…");
            var result = await services.GetRequiredService<BackupRunner>().RunAsync(ct);
            var m = result.Manifest;
            await output.WriteLineAsync($"Backed up {m.Counts.Memories} memories ({m.Counts.Events} events in {m.Counts.Streams} streams, " +
                                        $"{m.Counts.Embeddings} cached vectors: {Models(m)}) at event sequence {m.Sequence}.");
            foreach (var place in result.Places) await output.WriteLineAsync($"  written to {place}");
            foreach (var gone in result.Pruned) await output.WriteLineAsync($"  retention removed {gone}");
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await AdminServices.FailedAsync(error, "backup failed", ex);
        }
    }
}
