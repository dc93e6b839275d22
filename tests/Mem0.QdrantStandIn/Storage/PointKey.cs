using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Storage;

/// <summary>
/// A point id as Qdrant orders and compares it: numbers before UUIDs, numbers by value, UUIDs by their 128-bit value
/// (which is the order of their lower-case hyphenated text). Any UUID spelling is the same id (Qdrant parses it).
/// </summary>
public readonly record struct PointKey(ulong? Number, Guid? Uuid) : IComparable<PointKey>
{
    public static PointKey From(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => new PointKey(id.Num, null),
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var g) => new PointKey(null, g),
        _ => throw StandInErrors.InvalidArgument($"Unable to parse UUID: {id.Uuid}"),
    };

    public PointId ToPointId() => Number is { } n ? new PointId { Num = n } : new PointId { Uuid = Uuid!.Value.ToString("D") };

    public int CompareTo(PointKey other) => (Number, other.Number) switch
    {
        ({ } a, { } b) => a.CompareTo(b),
        (not null, null) => -1,
        (null, not null) => 1,
        _ => string.CompareOrdinal(Uuid!.Value.ToString("D"), other.Uuid!.Value.ToString("D")),
    };

    public override string ToString() => Number?.ToString() ?? Uuid!.Value.ToString("D");
}
