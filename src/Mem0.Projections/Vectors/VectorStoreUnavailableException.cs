namespace Mem0.Projections.Vectors;

/// <summary>
/// The vector store did not answer in time, refused, or dropped the call: a 503 for a search, a reason to decide an
/// add on exact-text and keyword candidates, and for the index feed a reason to try the same events again later.
/// </summary>
public sealed class VectorStoreUnavailableException(string store, string reason, Exception? inner = null)
    : Exception($"The vector store ({store}) is unavailable: {reason}", inner)
{
    public string Store => store;
}
