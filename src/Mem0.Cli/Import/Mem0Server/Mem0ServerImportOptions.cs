namespace Mem0.Cli.Import.Mem0Server;

/// <param name="QdrantUrl">The Python service's Qdrant, gRPC address (http://host:6334).</param>
/// <param name="EmbeddingModel">The model the Python service embedded with (its MEM0_EMBED_MODEL): its vectors are
/// reused when this is the server's model and the collection's dimension the server's.</param>
public sealed record Mem0ServerImportOptions(
    Uri QdrantUrl, string? QdrantApiKey, string Collection = "memories", string? HistoryDb = null, bool DryRun = false, int? Limit = null,
    string EmbeddingModel = "text-embedding-3-small");
