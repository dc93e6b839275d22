namespace Mem0.Tests.Integration.Qdrant;

/// <summary>
/// A test that needs a live Qdrant. It runs when QDRANT_URL names one (its gRPC address, e.g.
/// http://127.0.0.1:6334, with QDRANT_API_KEY if it needs a key) and is reported skipped, with this reason,
/// otherwise: no Qdrant server can be installed on the CI machines.
/// </summary>
public sealed class QdrantFactAttribute : FactAttribute
{
    public static readonly Uri? Url =
        Uri.TryCreate(Environment.GetEnvironmentVariable("QDRANT_URL"), UriKind.Absolute, out var u) ? u : null;

    public QdrantFactAttribute()
    {
        if (Url is null) Skip = "QDRANT_URL is not set: the Qdrant suite needs a live Qdrant (QDRANT_URL=http://host:6334).";
    }

    /// <summary>The server settings that point a host at the live Qdrant, in a collection of its own.</summary>
    public static Dictionary<string, string?> Settings(string collection) => new()
    {
        ["MEM0_VECTOR_STORE"] = "qdrant",
        ["QDRANT_HOST"] = Url!.Host,
        ["QDRANT_GRPC_PORT"] = Url.Port.ToString(),
        // The REST port, for snapshot downloads: Qdrant's 6333 beside gRPC's 6334.
        ["QDRANT_PORT"] = (Url.Port == 6334 ? 6333 : Url.Port).ToString(),
        ["QDRANT_HTTPS"] = Url.Scheme == "https" ? "true" : "false",
        ["QDRANT_API_KEY"] = Environment.GetEnvironmentVariable("QDRANT_API_KEY") ?? "unused-by-an-open-qdrant",
        ["MEM0_COLLECTION"] = collection,
    };
}
