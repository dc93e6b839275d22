using Marten;
using Mem0.Settings;
using Mem0.Projections.Store;

namespace Mem0.Tests.Unit.Configuration;

/// <summary>Raw SQL names Marten's tables through MartenTables; this spec fails first if Marten renames them.</summary>
public sealed class Marten_tables_specs
{
    [Fact]
    public void Every_table_named_in_MartenTables_is_one_Marten_creates_for_this_store()
    {
        var options = new StoreOptions();
        StoreSetup.Configure(options, new EventStoreOptions { DatabaseSchema = "specs" }, "Host=localhost;Database=none");
        using var store = new DocumentStore(options);

        var names = store.Storage.Database.AllObjects().SelectMany(o => o.AllNames()).Select(n => n.Name).ToHashSet();

        Assert.Subset(names, new HashSet<string>
        {
            MartenTables.Streams, MartenTables.Events, MartenTables.EventSequence, MartenTables.Progression,
            MartenTables.Views, MartenTables.Embeddings, MartenTables.Timelines, MartenTables.Sources,
        });
    }
}
