namespace Mem0.Projections.Vectors.Embedded;

/// <summary>
/// Tells this process's feed (<see cref="LocalIndexFeed"/>) which events its own write path already put in the
/// embedded index (<see cref="VectorIndexProjector"/>), so the feed counts them as applied instead of reading them back
/// and applying them a second time, and the next search's read barrier finds no round to wait for. A go-between
/// because the projector is built into the document store that the feed reads from.
/// </summary>
public sealed class IndexedOnCommit
{
    private Action<IReadOnlyList<long>>? _feed;

    public void Follow(Action<IReadOnlyList<long>> feed) => Volatile.Write(ref _feed, feed);

    public void Report(IReadOnlyList<long> sequences) => Volatile.Read(ref _feed)?.Invoke(sequences);
}
