using System.IO.Compression;
using System.Security.Cryptography;
using Google.Protobuf;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Storage;

/// <summary>
/// One collection: a single unnamed dense vector per point (the layout mem0-server and the Python mem0 create), its
/// payload indexes (recorded and reported; every filter scans, which changes speed, not answers), and its snapshots.
/// Every read and write takes the collection's lock, so an operation sees and leaves a whole state.
/// </summary>
public sealed class StandInCollection(string name, VectorParams vectors)
{
    private readonly object _gate = new();
    private readonly SortedDictionary<PointKey, StoredPoint> _points = new();
    private readonly Dictionary<string, PayloadSchemaType> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SnapshotDescription Description, byte[] Bytes)> _snapshots = new(StringComparer.Ordinal);
    private ulong _operation;

    public string Name => name;
    public VectorParams Vectors => vectors;
    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

    public T Read<T>(Func<IReadOnlyCollection<StoredPoint>, T> read)
    {
        lock (_gate) return read(_points.Values);
    }

    /// <summary>Points from <paramref name="from"/> on in id order (Qdrant's scroll order).</summary>
    public IReadOnlyList<StoredPoint> From(PointKey? from, Func<StoredPoint, bool> keep, int take)
    {
        lock (_gate)
        {
            return _points.Values.Where(p => from is null || p.Key.CompareTo(from.Value) >= 0).Where(keep).Take(take).ToList();
        }
    }

    public StoredPoint? Find(PointKey key)
    {
        lock (_gate) return _points.GetValueOrDefault(key);
    }

    /// <summary>Applies a change to the points under the lock and numbers it as Qdrant numbers its operations.</summary>
    public ulong Write(Action<SortedDictionary<PointKey, StoredPoint>> change)
    {
        lock (_gate)
        {
            change(_points);
            return ++_operation;
        }
    }

    public void Index(string field, PayloadSchemaType type)
    {
        lock (_gate) _indexes[field] = type;
    }

    public void Unindex(string field)
    {
        lock (_gate) _indexes.Remove(field);
    }

    public float[] Stored(IReadOnlyList<float> vector)
    {
        if (vector.Count != (int)vectors.Size)
        {
            throw StandInErrors.InvalidArgument($"Vector dimension error: expected dim: {vectors.Size}, got {vector.Count}");
        }
        var copy = vector.ToArray();
        if (vectors.Distance != Distance.Cosine) return copy;
        // Qdrant normalizes cosine vectors on the way in, so a search is a dot product and a read returns the unit vector.
        var norm = MathF.Sqrt(copy.Sum(v => v * v));
        return norm == 0 ? copy : copy.Select(v => v / norm).ToArray();
    }

    public CollectionInfo Info()
    {
        lock (_gate)
        {
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                SegmentsCount = 1,
                PointsCount = (ulong)_points.Count,
                IndexedVectorsCount = 0,
                Config = new CollectionConfig
                {
                    Params = new CollectionParams { ShardNumber = 1, ReplicationFactor = 1, WriteConsistencyFactor = 1, VectorsConfig = new VectorsConfig { Params = vectors } },
                    HnswConfig = new HnswConfigDiff { M = 16, EfConstruct = 100, FullScanThreshold = 10000 },
                    OptimizerConfig = new OptimizersConfigDiff(),
                    WalConfig = new WalConfigDiff { WalCapacityMb = 32, WalSegmentsAhead = 0 },
                },
                CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(CreatedAt),
            };
            foreach (var (field, type) in _indexes)
            {
                info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = type, Points = (ulong)_points.Values.Count(p => p.Payload.ContainsKey(field)) };
            }
            return info;
        }
    }

    /// <summary>
    /// A snapshot of the points, in the stand-in's own format (gzipped JSON lines: the vector parameters, then one
    /// point per line), not Qdrant's segment archive: it can be downloaded, listed and deleted, which is what a
    /// backup does with it, but a real Qdrant cannot recover from it.
    /// </summary>
    public SnapshotDescription Snapshot()
    {
        lock (_gate)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            using (var writer = new StreamWriter(gzip))
            {
                writer.WriteLine(JsonFormatter.Default.Format(vectors));
                foreach (var p in _points.Values)
                {
                    var line = new RetrievedPoint { Id = p.Key.ToPointId(), Payload = { p.Payload.ToDictionary() }, Vectors = new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { p.Vector } } } } };
                    writer.WriteLine(JsonFormatter.Default.Format(line));
                }
            }
            var bytes = buffer.ToArray();
            var at = DateTime.UtcNow;
            var description = new SnapshotDescription
            {
                Name = $"{name}-{_snapshots.Count + 1}-{at:yyyy-MM-dd-HH-mm-ss}.snapshot",
                CreationTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(at),
                Size = bytes.Length,
                Checksum = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            };
            _snapshots[description.Name] = (description, bytes);
            return description;
        }
    }

    public IReadOnlyList<SnapshotDescription> Snapshots()
    {
        lock (_gate) return _snapshots.Values.Select(s => s.Description).ToList();
    }

    public byte[]? SnapshotBytes(string snapshot)
    {
        lock (_gate) return _snapshots.TryGetValue(snapshot, out var s) ? s.Bytes : null;
    }

    public bool DeleteSnapshot(string snapshot)
    {
        lock (_gate) return _snapshots.Remove(snapshot);
    }
}
