namespace Mem0.Projections.Vectors.Embedded;

/// <summary>The local profile's indexes: in process memory, loaded from the store at start.</summary>
public sealed class EmbeddedVectorStore : IVectorStore
{
    private volatile EmbeddedVectorIndex _live = new();

    public IVectorIndex Live => _live;
    public bool IsVolatile => true;
    public Task<bool> InitializeAsync(int dimensions, CancellationToken ct) => Task.FromResult(true);
    public Task<IVectorIndex> CreateFreshAsync(int dimensions, CancellationToken ct) => Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex());

    public Task SwapAsync(IVectorIndex fresh, CancellationToken ct)
    {
        _live = (EmbeddedVectorIndex)fresh;
        return Task.CompletedTask;
    }
}
