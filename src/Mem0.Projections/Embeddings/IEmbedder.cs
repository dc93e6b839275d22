namespace Mem0.Projections.Embeddings;

/// <summary>Turns text into unit-length vectors with the configured model. Implementations cache by text.</summary>
public interface IEmbedder
{
    string Model { get; }
    int Dimensions { get; }
    Task<float[]> EmbedAsync(string text, CancellationToken ct);

    /// <summary>For search queries: process cache, then the model. Queries are not stored, so the database is skipped.</summary>
    Task<float[]> EmbedQueryAsync(string text, CancellationToken ct);
    Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken ct);

    /// <summary>
    /// As <see cref="EmbedManyAsync"/>, and stores the vectors the database lacked, for texts already committed
    /// (indexing, rebuilds): after a model change each text is embedded once, not at every start.
    /// </summary>
    Task<IReadOnlyList<float[]>> EmbedStoredTextsAsync(IReadOnlyList<string> texts, CancellationToken ct);
}
