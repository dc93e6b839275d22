namespace Mem0.Projections.Vectors;

/// <summary>
/// Where the indexes live. One is live at a time; a rebuild fills a fresh one while searches keep using the live
/// one, then swaps it in (for Qdrant, an alias switch).
/// </summary>
public interface IVectorStore
{
    IVectorIndex Live { get; }

    /// <summary>
    /// True when the index lives in process memory and starts empty: it is loaded from the store at every start
    /// rather than resumed from the subscription's checkpoint.
    /// </summary>
    bool IsVolatile { get; }

    /// <summary>Makes the live index ready. True when it had to be created empty, so everything must be replayed into it.</summary>
    Task<bool> InitializeAsync(int dimensions, CancellationToken ct);

    Task<IVectorIndex> CreateFreshAsync(int dimensions, CancellationToken ct);

    /// <summary>Makes <paramref name="fresh"/> the live index and lets the old one go.</summary>
    Task SwapAsync(IVectorIndex fresh, CancellationToken ct);
}
