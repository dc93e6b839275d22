namespace Mem0.Settings;

/// <summary>The vector index: Qdrant and how to reach it, or the embedded index; and how long a write waits for it.</summary>
public sealed record VectorIndexOptions : ModuleOptions
{
    public VectorStoreKind VectorStore { get; init; } = VectorStoreKind.Qdrant;
    public string? QdrantHost { get; init; }
    public int QdrantPort { get; init; } = 443;
    public bool QdrantHttps { get; init; } = true;
    public string? QdrantApiKey { get; init; }

    /// <summary>
    /// The client speaks gRPC. QDRANT_PORT is the guide's port; 6333 there is Qdrant's REST port, whose gRPC
    /// sibling is 6334, so that one value is mapped. QDRANT_GRPC_PORT overrides both.
    /// </summary>
    public int? QdrantGrpcPort { get; init; }
    public int QdrantClientPort => QdrantGrpcPort ?? (QdrantPort == 6333 ? 6334 : QdrantPort);
    public string Collection { get; init; } = "memories";

    /// <summary>
    /// How long a search (or a count for /healthz) waits for Qdrant before it answers 503 `backend_unavailable`.
    /// Index writes keep the client's longer deadline: they run in the background and are retried.
    /// </summary>
    public TimeSpan QdrantTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a write waits for its memories to be in the vector index before replying (read-your-writes).
    /// Zero replies as soon as the events are stored; the subscription indexes them moments later.
    /// </summary>
    public TimeSpan IndexWait { get; init; } = TimeSpan.FromSeconds(2);

    public bool IsQdrant => VectorStore == VectorStoreKind.Qdrant;

    /// <summary>The store's name as the variable spells it (`qdrant`, `embedded`): backups record it.</summary>
    public string VectorStoreName => SettingsReader.NameOf(VectorStore);

    public static VectorIndexOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        var defaults = new VectorIndexOptions();
        var kind = r.LocalProfile ? VectorStoreKind.Embedded : VectorStoreKind.Qdrant;
        return new VectorIndexOptions
        {
            VectorStore = r.Enum("MEM0_VECTOR_STORE", kind, whenUnknown: VectorStoreKind.Embedded),
            QdrantHost = r.Str("QDRANT_HOST"),
            QdrantPort = r.Int("QDRANT_PORT", defaults.QdrantPort),
            QdrantHttps = r.Bool("QDRANT_HTTPS", defaults.QdrantHttps),
            QdrantApiKey = r.Str("QDRANT_API_KEY"),
            QdrantGrpcPort = r.Str("QDRANT_GRPC_PORT") is null ? null : r.Int("QDRANT_GRPC_PORT", 6334),
            Collection = r.Str("MEM0_COLLECTION") ?? defaults.Collection,
            QdrantTimeout = TimeSpan.FromMilliseconds(r.Double("QDRANT_TIMEOUT_MS", defaults.QdrantTimeout.TotalMilliseconds)),
            IndexWait = TimeSpan.FromMilliseconds(r.Double("MEM0_INDEX_WAIT_MS", defaults.IndexWait.TotalMilliseconds)),
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
