using Mem0.Tests.Integration.Qdrant;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// The vector store the hosts run on unless a test names one: the local profile's embedded index, or Qdrant (the
/// stand-in, or QDRANT_URL's) when MEM0_TEST_VECTOR_STORE=qdrant — ops/test.sh's second pass runs the memory,
/// search, MCP, restore and fault suites that way. Each schema gets its own collection alias, `mem0_{schema}`.
/// </summary>
public static class TestVectorStore
{
    public static bool IsQdrant => Environment.GetEnvironmentVariable("MEM0_TEST_VECTOR_STORE") == "qdrant";

    public static string CollectionFor(string schema) => "mem0_" + schema;

    /// <summary>The settings that put a host of this schema on the chosen store; none for the embedded index.</summary>
    public static IReadOnlyDictionary<string, string?> For(string schema) =>
        IsQdrant ? QdrantTarget.Settings(CollectionFor(schema)) : new Dictionary<string, string?>();

    /// <summary><paramref name="settings"/> with the chosen store's, unless they name a vector store themselves.</summary>
    public static Dictionary<string, string?> Apply(string schema, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var all = settings.ToDictionary();
        if (all.ContainsKey("MEM0_VECTOR_STORE")) return all;
        foreach (var (k, v) in For(schema)) all.TryAdd(k, v);
        return all;
    }

    /// <summary>Deletes the collections a schema's hosts made (the alias's and those a rebuild or restore made).</summary>
    public static async Task ForgetAsync(string schema)
    {
        if (IsQdrant) await QdrantTarget.DeleteCollectionsAsync(CollectionFor(schema));
    }
}
