using Mem0.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Scheduler.Options;

/// <summary>The backup and digest modules' options, each with its validator.</summary>
public static class SchedulerOptions
{
    public static IServiceCollection AddBackupOptions(this IServiceCollection services, BackupOptions options) =>
        services.AddModuleOptions<BackupOptions, BackupOptionsValidator>(options);

    public static IServiceCollection AddDigestOptions(this IServiceCollection services, DigestOptions options) =>
        services.AddModuleOptions<DigestOptions, DigestOptionsValidator>(options);
}
