using Mem0.Extractor.Ai;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Microsoft.Extensions.Hosting;

namespace Mem0.Extractor.Embeddings;

/// <summary>
/// Embeds a probe text at start and refuses to run when the model's vectors are not MEM0_EMBED_DIMS long. The
/// guide's service answered such a mismatch with silently empty searches; here it is a clear start-up error.
/// It also loads the local model before the first request.
/// </summary>
public sealed class EmbeddingDimensionCheck(IEmbeddingProvider provider, AiOptions settings) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        float[] probe;
        try
        {
            probe = (await provider.EmbedAsync(["mem0 dimension probe"], ct))[0];
        }
        catch (ProviderException ex)
        {
            throw new StartupCheckException($"Could not check MEM0_EMBED_DIMS against the embedding provider: {ex.Message}", ex);
        }
        if (probe.Length != settings.EmbedDims)
        {
            throw new StartupCheckException(
                $"MEM0_EMBED_DIMS is {settings.EmbedDims} but the embedding model {settings.EmbedModel} ({settings.EmbedProviderName}) " +
                $"returns {probe.Length}-dimensional vectors. Set MEM0_EMBED_DIMS={probe.Length}, or choose a model that returns {settings.EmbedDims}.");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
