using Mem0.Projections.Vectors.Embedded;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Mem0.Contracts.Events;
using Mem0.Settings;
using Mem0.Settings.Validation;
using Mem0.Projections.Commands;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Memories;
using Mem0.Projections.Memories.Ranking;
using Mem0.Projections.Memories.Timeline;
using Mem0.Projections.Sources;
using Mem0.Projections.Vectors;
using Mem0.Projections.Vectors.Qdrant;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Mem0.Projections.Store;

/// <summary>
/// The event store and its read models. One stream per memory; `MemoryView` is projected inline so it commits
/// with the events; the vector index follows every commit. Schema objects are created on first start.
/// </summary>
public static class StoreSetup
{
    /// <summary>The store's schema and mappings, shared by the server and tools that write to the same database.</summary>
    public static void Configure(StoreOptions o, EventStoreOptions store, string connectionString)
    {
        // Marten's sessions leave nothing behind on a connection (its locks are per transaction or released
        // explicitly), so the pool skips the DISCARD ALL that Npgsql otherwise sends on reuse, which cost a search's
        // load of its memories a round trip (bench/results.md: "Pooled connections without reset").
        o.Connection(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
        o.DatabaseSchemaName = store.DatabaseSchema;
        o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        o.UseSystemTextJsonForSerialization();
        o.Events.StreamIdentity = StreamIdentity.AsGuid;
        o.Events.AddEventType<MemoryAdded>();
        o.Events.AddEventType<MemoryUpdated>();
        o.Events.AddEventType<MemoryDeleted>();
        o.Events.AddEventType<MemoryRestored>();
        o.Events.AddEventType<MemoryReviewed>();
        o.Events.AddEventType<SourceRecorded>();
        o.Events.AddEventType<SourceForgotten>();
        // A forgotten input's words leave the event store too (SourceMasking), not only its read model.
        o.Events.AddMaskingRuleForProtectedInformation<SourceRecorded>(SourceMasking.Mask);
        // Every event names the command that appended it (the API's command id), so "stored exactly once" can be
        // checked per command, and an operator can see which request changed what.
        o.Events.MetadataConfig.CausationIdEnabled = true;
        o.Projections.Add<MemoryViewProjection>(ProjectionLifecycle.Inline);
        // Time travel and undo read these; inline too, so `as_of` a moment after a write already sees it.
        o.Projections.Add<MemoryTimelineProjection>(ProjectionLifecycle.Inline);
        o.Projections.Add<SourceViewProjection>(ProjectionLifecycle.Inline);
        // The daemon's leader lock is a database-wide advisory lock: one id per schema, so servers on other
        // schemas of the same database each run their own subscriptions instead of waiting on one another.
        o.Projections.DaemonLockId = AdvisoryLockKeys.For("mem0-daemon", store.DatabaseSchema);

        // Keyword search and hybrid's exact terms are substring matches served by a trigram index (so "hil" finds
        // "Philips" without a scan); "most recent first" walks the UpdatedAt index. Marten owns the indexes.
        o.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        // A term of two characters has no trigram, so its search read every memory; the bigram index serves it
        // (bench/results.md: "Two-character keywords"). See MemoryTextSearch.Bigrams.
        o.Storage.ExtendedSchemaObjects.Add(Function.ForSql(MemoryTextSearch.BigramsFunction(store.DatabaseSchema)));
        o.Schema.For<MemoryView>()
            // One memory per user answers to an add's content: the same words from two users are two memories.
            .UniqueIndex(UniqueIndexType.Computed, "mem0_memory_content_fingerprint", v => v.UserId, v => v.ContentFingerprint!)
            .Index(v => v.Fingerprint)
            .Index(v => v.UserId)
            .Index(v => v.UpdatedAt, i => i.Name = "mem0_memory_updated_at")
            .Index(v => v.HappenedAt, i => i.Name = "mem0_memory_happened_at")
            .Index(v => v.SourceId!, i => i.Name = "mem0_memory_source")
            // The console's review queue: what waits for review, and what an extraction rewrote. Partial, so the
            // many memories in neither are not written into them on every add. The predicates are written as
            // PostgreSQL prints them back: Marten compares the two at every start and, when they differ, drops and
            // rebuilds the index (which also held its migration lock long enough to time out other starting hosts).
            .Index(v => v.ReviewStatus!, i =>
            {
                i.Name = "mem0_memory_review_waiting";
                i.Predicate = "(data ->> 'ReviewStatus'::text) = ANY (ARRAY['pending'::text, 'unreviewed'::text])";
            })
            .Index(v => v.ExtractorChangedAt!, i =>
            {
                i.Name = "mem0_memory_extractor_changed";
                i.Predicate = "(data ->> 'ExtractorChangedAt'::text) IS NOT NULL";
            })
            .Index(v => v.Text, i =>
            {
                i.Name = "mem0_memory_text_trgm";
                i.Method = IndexMethod.gin;
                i.Mask = "? gin_trgm_ops";
            });
        // Declared on the mapping: Marten folds a second computed index on the same member into the first.
        o.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(MemoryView)) return;
            mapping.Indexes.Add(new IndexDefinition("mem0_memory_text_bigrams")
            {
                Method = IndexMethod.gin,
                Columns = ["(data ->> 'Text')"],
                Mask = MemoryTextSearch.Bigrams(store.DatabaseSchema, "?"),
            });
        });
        // Relevance ranking's own index of each view's words, kept by a trigger (see MemoryTermsTable).
        o.Storage.Add(new MemoryTermsFeature(store.DatabaseSchema, o.Advanced.Migrator));
        o.Schema.For<MemoryTimeline>().Index(t => t.UserId).Index(t => t.LastChangeAt, i => i.Name = "mem0_timeline_last_change")
            // The console's chart of adds per day reads the last weeks' creations (deleted memories included).
            .Index(t => t.CreatedAt, i => i.Name = "mem0_timeline_created_at");
        o.Schema.For<SourceView>().Index(v => v.Fingerprint);
        o.Schema.For<CachedEmbedding>();
        // Both are pruned by age (PruneCommandRecordsJob).
        o.Schema.For<CommandReceipt>().Index(r => r.At);
        o.Schema.For<IdempotencyRecord>().Index(r => r.CreatedAt);
    }

    public static IServiceCollection AddMem0Projections(this IServiceCollection services, Mem0Settings settings)
    {
        services.AddEventStoreOptions(settings.Store).AddVectorIndexOptions(settings.Vectors);
        var connectionString = DatabaseUrl.ForServer(settings.Store.DatabaseUrl!);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        var embedded = !settings.Vectors.IsQdrant;
        // Each process that reads an embedded index (searches, add decisions) keeps its own copy, fed by its own
        // follower of the event store; a scheduler alone keeps none.
        var ownFeed = embedded && (settings.Server.Runs(ServerRole.Api) || settings.Server.Runs(ServerRole.Extractor));
        if (embedded)
        {
            services.AddSingleton<IVectorStore, EmbeddedVectorStore>();
            if (ownFeed) services.AddSingleton<LocalIndexFeed>().AddSingleton<IndexedOnCommit>();
        }
        else
        {
            services.AddSingleton(_ => QdrantVectorStore.Connect(settings.Vectors));
            services.AddSingleton<IVectorStore, QdrantVectorStore>();
        }
        services.AddSingleton<IVectorIndex, LiveVectorIndex>();
        services.AddSingleton<VectorIndexUpdater>();
        services.AddSingleton<VectorIndexProjector>();
        services.AddSingleton<SubscriptionCheckpoint>();
        services.AddSingleton<IndexLag>();
        services.AddSingleton<TermRanking>();
        services.AddSingleton<VectorIndexLoader>();
        services.AddSingleton<VectorIndexRebuilder>();

        var marten = services.AddMarten(sp =>
            {
                var o = new StoreOptions();
                Configure(o, settings.Store, connectionString);
                o.Listeners.Add(sp.GetRequiredService<VectorIndexProjector>());
                return o;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        // Hosted services start in registration order: the schema first (Marten's own), then read models written by an
        // older build are upgraded, then the index is readied and its feed placed (the embedded index's own, or
        // Qdrant's checkpoint), then the feed runs from there.
        services.AddHostedService<ReadModelUpgrade>();
        services.AddHostedService(sp => sp.GetRequiredService<VectorIndexLoader>());
        if (ownFeed) services.AddHostedService(sp => sp.GetRequiredService<LocalIndexFeed>());
        if (embedded) return services;
        marten.AddSubscriptionWithServices<VectorIndexSubscription>(ServiceLifetime.Singleton);
        // Hot/cold: Qdrant is one index for the cluster, so with several extractor processes one runs the subscription.
        if (settings.Server.Runs(ServerRole.Extractor)) marten.AddAsyncDaemon(DaemonMode.HotCold);
        return services;
    }
}
