namespace Mem0.Extractor.Embeddings;

/// <summary>A model that turns texts into vectors, without caching. One per provider.</summary>
public interface IEmbeddingProvider
{
    string Model { get; }
    int Dimensions { get; }
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct);

    /// <summary>What the model wants before a search query (an instruction some retrieval models are trained with).</summary>
    string QueryPrefix => "";
}
