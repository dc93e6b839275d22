using Mem0.Projections.Vectors.Qdrant;
using Mem0.Settings;
using Microsoft.Extensions.Configuration;

namespace Mem0.Tests.Integration.Qdrant;

/// <summary>
/// The Qdrant the tests use: a live one when QDRANT_URL names it, otherwise one stand-in per test process, started
/// on first use and shared (each test or host works in collections of its own). Tests that switch faults on get a
/// stand-in of their own (<see cref="StartOwnAsync"/>), so they never disturb the shared one.
/// </summary>
public static class QdrantTarget
{
    public static readonly Uri? LiveUrl =
        Uri.TryCreate(Environment.GetEnvironmentVariable("QDRANT_URL"), UriKind.Absolute, out var u) ? u : null;

    private static readonly Lazy<QdrantStandIn.QdrantStandIn> Shared =
        new(() => QdrantStandIn.QdrantStandIn.StartAsync().GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared stand-in (started if it was not), whether or not a live Qdrant is configured.</summary>
    public static QdrantStandIn.QdrantStandIn SharedStandIn => Shared.Value;

    public static Task<QdrantStandIn.QdrantStandIn> StartOwnAsync(string? apiKey = null) => QdrantStandIn.QdrantStandIn.StartAsync(apiKey: apiKey);

    /// <summary>`live` or `stand-in`, for messages.</summary>
    public static string Kind => LiveUrl is null ? "stand-in" : "live";

    /// <summary>The server settings that put a host on the tests' Qdrant, in a collection (alias) of its own.</summary>
    public static Dictionary<string, string?> Settings(string collection)
    {
        if (LiveUrl is { } live)
        {
            var rest = Uri.TryCreate(Environment.GetEnvironmentVariable("QDRANT_REST_URL"), UriKind.Absolute, out var r) ? r.Port
                : live.Port == 6334 ? 6333 : live.Port;
            return Settings(collection, live.Host, live.Port, rest, live.Scheme == "https", Environment.GetEnvironmentVariable("QDRANT_API_KEY"));
        }
        return Settings(collection, SharedStandIn);
    }

    /// <summary>A client of the tests' Qdrant, made as the server makes its own from the same settings.</summary>
    public static global::Qdrant.Client.QdrantClient Client() =>
        QdrantVectorStore.Connect(Mem0Settings.Load(new ConfigurationBuilder().AddInMemoryCollection(Settings("unused")).Build()).Vectors);

    /// <summary>Deletes the collections whose names start with <paramref name="prefix"/>: a test's alias and those made behind it.</summary>
    public static async Task DeleteCollectionsAsync(string prefix)
    {
        using var client = Client();
        foreach (var name in (await client.ListCollectionsAsync()).Where(c => c.StartsWith(prefix, StringComparison.Ordinal)))
        {
            await client.DeleteCollectionAsync(name);
        }
    }

    /// <summary>The settings for a given stand-in.</summary>
    public static Dictionary<string, string?> Settings(string collection, QdrantStandIn.QdrantStandIn standIn, string? apiKey = null) =>
        Settings(collection, "127.0.0.1", standIn.GrpcPort, standIn.RestPort, false, apiKey);

    private static Dictionary<string, string?> Settings(string collection, string host, int grpc, int rest, bool https, string? apiKey) => new()
    {
        ["MEM0_VECTOR_STORE"] = "qdrant",
        ["QDRANT_HOST"] = host,
        ["QDRANT_GRPC_PORT"] = grpc.ToString(),
        // The REST port, for snapshot downloads.
        ["QDRANT_PORT"] = rest.ToString(),
        ["QDRANT_HTTPS"] = https ? "true" : "false",
        ["QDRANT_API_KEY"] = apiKey ?? "unused-by-an-open-qdrant",
        ["MEM0_COLLECTION"] = collection,
    };
}
