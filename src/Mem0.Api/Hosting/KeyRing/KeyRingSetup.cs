using Mem0.Api.Auth.OAuth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Mem0.Api.Hosting.KeyRing;

public static class KeyRingSetup
{
    /// <summary>Data protection with its keys in PostgreSQL, shared by every process of the deployment (one application name).</summary>
    public static IServiceCollection AddMem0KeyRing(this IServiceCollection services)
    {
        // First of all hosted services: data protection's own (registered with authentication, earlier) reads the
        // ring at start, and logged an error on a new schema when the table came after it.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, KeyRingTable>());
        services.AddDbContext<KeyRingDbContext>((provider, o) =>
        {
            o.UseNpgsql(provider.GetRequiredService<Npgsql.NpgsqlDataSource>());
            o.ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>();
        });
        services.AddDataProtection().SetApplicationName("mem0").PersistKeysToDbContext<KeyRingDbContext>();
        return services;
    }
}
