using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Mem0.Contracts.Events;
using Mem0.Projections.Configuration;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Vectors;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Mem0.Projections.Store;

public static class StoreSetup
{
    /// <summary>
    /// The event store and its read models. One stream per memory; `MemoryView` is projected inline so it commits
    /// with the events; the vector index follows every commit. Schema objects are created on first start.
    /// </summary>
    /// <summary>The store's schema and mappings, shared by the server and tools that write to the same database.</summary>
    public static void Configure(StoreOptions o, Mem0Settings settings, string connectionString)
    {
        o.Connection(connectionString);
        o.DatabaseSchemaName = settings.DatabaseSchema;
        o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        o.UseSystemTextJsonForSerialization();
        o.Events.StreamIdentity = StreamIdentity.AsGuid;
        o.Events.AddEventType<MemoryAdded>();
        o.Events.AddEventType<MemoryUpdated>();
        o.Events.AddEventType<MemoryDeleted>();
        o.Projections.Add<MemoryViewProjection>(ProjectionLifecycle.Inline);

        // Keyword search and hybrid's exact terms are substring matches served by a trigram index (so "hil" finds
        // "Philips" without a scan); "most recent first" walks the UpdatedAt index. Marten owns the indexes.
        o.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        o.Schema.For<MemoryView>()
            .UniqueIndex(UniqueIndexType.Computed, "mem0_memory_content_fingerprint", v => v.ContentFingerprint!)
            .Index(v => v.Fingerprint)
            .Index(v => v.UserId)
            .Index(v => v.UpdatedAt, i => i.Name = "mem0_memory_updated_at")
            .Index(v => v.Text, i =>
            {
                i.Name = "mem0_memory_text_trgm";
                i.Method = IndexMethod.gin;
                i.Mask = "? gin_trgm_ops";
            });
        o.Schema.For<CachedEmbedding>();
    }

    public static IServiceCollection AddMem0Projections(this IServiceCollection services, Mem0Settings settings)
    {
        var connectionString = DatabaseUrl.ToConnectionString(settings.DatabaseUrl!);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        services.AddSingleton<IVectorIndex, EmbeddedVectorIndex>();
        services.AddSingleton<VectorIndexProjector>();

        services.AddMarten(sp =>
            {
                var o = new StoreOptions();
                Configure(o, settings, connectionString);
                o.Listeners.Add(sp.GetRequiredService<VectorIndexProjector>());
                return o;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        // After Marten's own start-up work, so the schema exists when the index loads.
        services.AddHostedService<VectorIndexLoader>();
        return services;
    }
}
