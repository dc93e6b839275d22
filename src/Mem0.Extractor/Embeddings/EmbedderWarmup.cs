using Mem0.Projections.Embeddings;
using Microsoft.Extensions.Hosting;

namespace Mem0.Extractor.Embeddings;

/// <summary>Loads the model before the first request, so nobody's first add pays the one-off load.</summary>
public sealed class EmbedderWarmup(IEmbedder embedder) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => embedder.EmbedAsync("warm-up", ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
