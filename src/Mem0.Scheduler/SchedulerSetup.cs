using Microsoft.Extensions.DependencyInjection.Extensions;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Mem0.Settings;
using Mem0.Scheduler.Options;
using Mem0.Projections.Store;
using Mem0.Scheduler.Backups;
using Mem0.Scheduler.Digest;
using Mem0.Scheduler.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Scheduler;

public static class SchedulerSetup
{
    /// <summary>
    /// Hangfire's storage on the same PostgreSQL, in the server's own schema: one schema holds everything the
    /// deployment keeps. Its tables are created at first start. The storage is this host's own instance, not
    /// Hangfire's process-wide JobStorage.Current: two hosts in one process (tests, or a tool beside a server)
    /// would otherwise schedule and run each other's jobs on whichever schema was configured last.
    /// </summary>
    public static IServiceCollection AddMem0Hangfire(this IServiceCollection services, Mem0Settings settings)
    {
        var connectionString = DatabaseUrl.ToConnectionString(settings.Store.DatabaseUrl!);
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = settings.Store.DatabaseSchema,
            PrepareSchemaIfNecessary = true,
            // Workers wait on PostgreSQL's LISTEN/NOTIFY, so "Trigger now" starts a job at once while the queue
            // is polled only every 15 s: an idle scheduler costs the database (and the search path) next to nothing.
            QueuePollInterval = TimeSpan.FromSeconds(15),
            EnableLongPolling = true,
        };
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options));
        // Registered before AddHangfire, whose own registrations only fill what is missing.
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        // Hangfire's log provider is process-wide: this host's factory is attached to the one routing provider for as
        // long as the host lives (the handle is a singleton, disposed with the host's services).
        services.AddSingleton(sp => HostLogProvider.Instance.Attach(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        services.AddHangfire((sp, c) =>
        {
            sp.GetRequiredService<HangfireLogAttachment>();
            c.UseLogProvider(HostLogProvider.Instance)
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
        });
        return services;
    }

    /// <summary>
    /// The job runner, for processes with the scheduler role: one worker (the jobs are few and heavy), the jobs,
    /// and their registration at start.
    /// </summary>
    public static IServiceCollection AddMem0Scheduler(this IServiceCollection services, Mem0Settings settings)
    {
        services.AddMem0Backups(settings);
        services.AddDigestOptions(settings.Digest);
        services.AddMem0Digest();
        services.AddTransient<RebuildIndexJob>();
        services.AddTransient<BackupJob>();
        services.AddTransient<DigestJob>();
        services.AddHostedService<JobRegistry>();
        services.AddHangfireServer((sp, o) =>
        {
            // This host's services build the jobs. Hangfire's default is the process-wide activator, which belongs
            // to whichever host configured Hangfire last: another host's settings and logger in a shared process.
            o.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            o.WorkerCount = 1;
            o.ServerName = $"mem0-{Environment.MachineName}-{settings.Store.DatabaseSchema}";
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        return services;
    }

    /// <summary>The digest's composition and delivery: the job's, and the console's preview in an api process.</summary>
    public static IServiceCollection AddMem0Digest(this IServiceCollection services)
    {
        services.TryAddSingleton<DigestComposer>();
        services.TryAddSingleton<DigestRunner>();
        services.AddHttpClient(DigestRunner.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }

    /// <summary>What the backup job and the admin commands share: the writer, the targets, the restorer.</summary>
    public static IServiceCollection AddMem0Backups(this IServiceCollection services, Mem0Settings settings)
    {
        services.AddBackupOptions(settings.Backups);
        services.AddSingleton<BackupWriter>();
        if (settings.Vectors.IsQdrant)
        {
            services.AddSingleton<QdrantSnapshots>();
            // Snapshots are files of the whole collection: minutes, not seconds, on a large store.
            services.AddHttpClient(QdrantSnapshots.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(30));
        }
        services.AddSingleton<Restorer>();
        services.AddSingleton<BackupRunner>();
        return services;
    }
}
