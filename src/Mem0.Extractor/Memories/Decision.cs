using Mem0.Contracts.Model;

namespace Mem0.Extractor.Memories;

/// <summary>One event for one memory's stream: a new stream (<see cref="ExpectedVersion"/> 0) or an append that
/// must land as that version, so a memory changed since it was read refuses the write (optimistic concurrency).</summary>
public sealed record StreamWrite(Guid StreamId, long ExpectedVersion, object Event);

/// <summary>
/// What a command does to the store, decided from what was read: the events to append, the changes to report, and
/// the vectors of the texts written (cached with them). <see cref="Found"/> is false when the command names a
/// memory that does not exist; <see cref="VersionMoved"/> is true when the command names the version it expects and
/// the memory is at another.
/// </summary>
public sealed record Decision(
    bool Found, IReadOnlyList<StreamWrite> Writes, IReadOnlyList<MemoryChange> Changes, IReadOnlyDictionary<string, float[]> Vectors)
{
    public bool VersionMoved { get; private init; }

    public static readonly Decision NotFound = new(false, [], [], new Dictionary<string, float[]>());
    public static readonly Decision Stale = new(true, [], [], new Dictionary<string, float[]>()) { VersionMoved = true };
    public static readonly Decision Nothing = new(true, [], [], new Dictionary<string, float[]>());
}
