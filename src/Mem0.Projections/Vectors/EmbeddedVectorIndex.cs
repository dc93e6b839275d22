using System.Numerics.Tensors;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Exact cosine search in process memory for the local profile. Vectors are normalised on the way in, so the
/// score is a SIMD dot product. Deleted ids keep a tombstone version so a late replay cannot resurrect them.
/// </summary>
public sealed class EmbeddedVectorIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<Guid, VectorPoint> _points = [];
    private readonly Dictionary<Guid, long> _tombstones = [];

    public string Name => "embedded";

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _points.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Upsert(VectorPoint point)
    {
        var normalised = point with { Vector = Normalise(point.Vector) };
        _lock.EnterWriteLock();
        try
        {
            if (IsStale(point.Id, point.Version)) return;
            _points[point.Id] = normalised;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void Replace(Guid id, long version, float[] vector)
    {
        var normalised = Normalise(vector);
        _lock.EnterWriteLock();
        try
        {
            if (IsStale(id, version) || !_points.TryGetValue(id, out var existing)) return;
            _points[id] = existing with { Version = version, Vector = normalised };
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void Remove(Guid id, long version)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_tombstones.TryGetValue(id, out var dead) && dead >= version) return;
            _tombstones[id] = version;
            if (_points.TryGetValue(id, out var p) && p.Version < version) _points.Remove(id);
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool Contains(Guid id)
    {
        _lock.EnterReadLock();
        try { return _points.ContainsKey(id); }
        finally { _lock.ExitReadLock(); }
    }

    public IReadOnlyList<VectorHit> Search(float[] query, VectorFilter filter, int limit)
    {
        if (limit <= 0) return [];
        var q = Normalise(query);
        // Min-heap of the best `limit` so far: the weakest is on top and is the one replaced.
        var best = new PriorityQueue<Guid, float>(limit + 1);
        _lock.EnterReadLock();
        try
        {
            foreach (var p in _points.Values)
            {
                if (!filter.Matches(p) || p.Vector.Length != q.Length) continue;
                var score = TensorPrimitives.Dot(p.Vector, q);
                if (best.Count < limit) best.Enqueue(p.Id, score);
                else if (best.TryPeek(out _, out var weakest) && score > weakest) best.EnqueueDequeue(p.Id, score);
            }
        }
        finally { _lock.ExitReadLock(); }

        var hits = new VectorHit[best.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var id, out var score);
            hits[i] = new VectorHit(id, score);
        }
        return hits;
    }

    private bool IsStale(Guid id, long version) =>
        (_tombstones.TryGetValue(id, out var dead) && dead >= version) ||
        (_points.TryGetValue(id, out var current) && current.Version >= version);

    private static float[] Normalise(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm is 0 or float.NaN) return v;
        var copy = new float[v.Length];
        TensorPrimitives.Divide(v, norm, copy);
        return copy;
    }
}
