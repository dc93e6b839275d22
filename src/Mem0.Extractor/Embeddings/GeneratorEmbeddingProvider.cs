using Mem0.Projections.Embeddings;
using Mem0.Extractor.Ai;
using Microsoft.Extensions.AI;

namespace Mem0.Extractor.Embeddings;

/// <summary>Embeddings from a remote provider (OpenAI or Ollama) through Microsoft.Extensions.AI.</summary>
public sealed class GeneratorEmbeddingProvider(IEmbeddingGenerator<string, Embedding<float>> generator, string provider, string model, int dimensions)
    : IEmbeddingProvider
{
    public string Model => model;
    public int Dimensions => dimensions;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        if (texts.Count == 0) return [];
        GeneratedEmbeddings<Embedding<float>> result;
        try
        {
            result = await generator.GenerateAsync(texts, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new ProviderException($"The embedding provider ({provider}, model {model}) failed: {ProviderErrors.Describe(ex)}", ex);
        }
        if (result.Count != texts.Count)
        {
            throw new ProviderException($"The embedding provider ({provider}) returned {result.Count} vectors for {texts.Count} texts.");
        }
        return result.Select(e => e.Vector.ToArray()).ToArray();
    }
}
