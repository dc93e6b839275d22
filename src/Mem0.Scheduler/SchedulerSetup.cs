using Hangfire;
using Hangfire.PostgreSql;
using Mem0.Projections.Configuration;
using Mem0.Projections.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Scheduler;

public static class SchedulerSetup
{
    /// <summary>
    /// Hangfire's storage on the same PostgreSQL, in the server's own schema: one schema holds everything the
    /// deployment keeps, so one backup or one drop covers it. Its tables are created at first start.
    /// </summary>
    public static IServiceCollection AddMem0Hangfire(this IServiceCollection services, Mem0Settings settings)
    {
        var connectionString = DatabaseUrl.ToConnectionString(settings.DatabaseUrl!);
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = settings.DatabaseSchema, PrepareSchemaIfNecessary = true }));
        return services;
    }
}
