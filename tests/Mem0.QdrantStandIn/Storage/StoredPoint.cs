using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Storage;

/// <summary>A point as stored: its dense vector (normalized when the collection's distance is cosine) and payload.</summary>
public sealed record StoredPoint(PointKey Key, float[] Vector, IReadOnlyDictionary<string, Value> Payload);
