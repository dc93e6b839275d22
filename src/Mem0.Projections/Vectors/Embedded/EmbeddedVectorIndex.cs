using Mem0.Settings;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Mem0.Projections.Vectors.Embedded;

/// <summary>
/// Cosine search in process memory for the local profile. Vectors are normalised on the way in and kept in one
/// contiguous block, so a search is a linear SIMD scan (split across cores for large stores). Up to 50,000
/// memories the scan is exact. Beyond, a first pass over 4-bit codes (<see cref="Int4Codes"/>) picks 32×limit
/// candidates (at least 256) and those are scored exactly: returned scores are always exact cosine, and the
/// candidate pass keeps the true top 10 in `Embedded_vector_index_specs` (random vectors, the hardest case). Deleted ids keep a tombstone version so a
/// late replay cannot resurrect them.
/// </summary>
public sealed class EmbeddedVectorIndex : IVectorIndex
{
    private const int ParallelThreshold = 20_000;
    public const int QuantizedThreshold = 50_000;
    // 4-bit codes are coarse: a wide pool, scored exactly, keeps the true top results (see the recall spec).
    private const int Oversampling = 32;
    // Rows scored per call of the code kernel in the candidate pass (a 1 KB buffer on the stack).
    private const int ScanBatch = 256;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<Guid, int> _slots = [];
    private readonly Dictionary<Guid, long> _tombstones = [];
    private float[] _vectors = [];
    private byte[] _codes = [];
    private int _codeBytes;
    private float[] _scales = [];
    private Guid[] _ids = [];
    private long[] _versions = [];
    private PointFields[] _fields = [];
    // The user of each slot as a small number, in one contiguous array: nearly every search filters on the user
    // alone, and comparing ints in order costs far less than following each slot's fields to its user string
    // (bench/results.md: "Users as small numbers in the embedded index").
    private int[] _users = [];
    private readonly Dictionary<string, int> _userNumbers = new(StringComparer.Ordinal);
    private int _count;
    private int _dims;

    public string Name => SettingsReader.NameOf(VectorStoreKind.Embedded);

    Task<long> IVectorIndex.CountAsync(CancellationToken ct) => Task.FromResult((long)Count);

    Task IVectorIndex.UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken ct)
    {
        foreach (var p in points) Upsert(p);
        return Task.CompletedTask;
    }

    Task IVectorIndex.RemoveAsync(IReadOnlyList<VectorRemoval> removals, CancellationToken ct)
    {
        foreach (var r in removals) Remove(r.Id, r.Version);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<VectorHit>> IVectorIndex.SearchAsync(float[] query, VectorFilter filter, int limit, Recency? recency, CancellationToken ct) =>
        Task.FromResult(Search(query, filter, limit, recency));

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Upsert(VectorPoint point)
    {
        var normalised = Normalise(point.Vector);
        _lock.EnterWriteLock();
        try
        {
            if (IsStale(point.Id, point.Version)) return;
            if (_dims == 0)
            {
                _dims = normalised.Length;
                _codeBytes = Int4Codes.BytesFor(_dims);
            }
            if (normalised.Length != _dims) return;
            if (!_slots.TryGetValue(point.Id, out var slot))
            {
                slot = _count++;
                EnsureCapacity(_count);
                _slots[point.Id] = slot;
                _ids[slot] = point.Id;
            }
            Store(slot, normalised);
            _versions[slot] = point.Version;
            _fields[slot] = point.Fields;
            _users[slot] = UserNumber(point.Fields.UserId);
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
            if (!_slots.TryGetValue(id, out var slot) || _versions[slot] >= version) return;
            // Move the last point into the freed slot so the block stays dense.
            var last = --_count;
            if (slot != last)
            {
                _vectors.AsSpan(last * _dims, _dims).CopyTo(_vectors.AsSpan(slot * _dims, _dims));
                _codes.AsSpan(last * _codeBytes, _codeBytes).CopyTo(_codes.AsSpan(slot * _codeBytes, _codeBytes));
                _scales[slot] = _scales[last];
                _ids[slot] = _ids[last];
                _versions[slot] = _versions[last];
                _fields[slot] = _fields[last];
                _users[slot] = _users[last];
                _slots[_ids[slot]] = slot;
            }
            _fields[last] = null!;
            _slots.Remove(id);
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool Contains(Guid id)
    {
        _lock.EnterReadLock();
        try { return _slots.ContainsKey(id); }
        finally { _lock.ExitReadLock(); }
    }

    public IReadOnlyList<VectorHit> Search(float[] query, VectorFilter filter, int limit, Recency? recency = null)
    {
        if (limit <= 0) return [];
        var q = Normalise(query);
        _lock.EnterReadLock();
        try
        {
            if (_count == 0 || q.Length != _dims) return [];
            if (_count >= QuantizedThreshold) return SearchQuantized(q, filter, limit, recency);
            if (_count < ParallelThreshold) return Scan(q, filter, limit, recency, 0, _count).ToSortedHits();
            var parts = Environment.ProcessorCount;
            var size = (_count + parts - 1) / parts;
            var partial = new TopK[parts];
            Parallel.For(0, parts, p => partial[p] = Scan(q, filter, limit, recency, p * size, Math.Min(_count, (p + 1) * size)));
            var merged = new TopK(limit);
            foreach (var part in partial) merged.AddAll(part);
            return merged.ToSortedHits();
        }
        finally { _lock.ExitReadLock(); }
    }

    // Compiled optimised from the first call: a busy server keeps tiered compilation waiting, and this loop is
    // the whole cost of a search (an unoptimised scan measured ~15x slower).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TopK Scan(float[] q, VectorFilter filter, int limit, Recency? recency, int from, int to)
    {
        var top = new TopK(limit);
        var vectors = _vectors.AsSpan();
        var user = UserNumberOrNone(filter.UserId);
        var userOnly = filter.IsUserOnly;
        for (var i = from; i < to; i++)
        {
            if (_users[i] != user) continue;
            var fields = _fields[i];
            if (!userOnly && !filter.Matches(fields)) continue;
            var score = TensorPrimitives.Dot(vectors.Slice(i * _dims, _dims), q);
            top.Add(new VectorHit(_ids[i], score, recency?.Rank(score, fields.UpdatedAt) ?? score));
        }
        return top;
    }

    private void Store(int slot, float[] normalised)
    {
        normalised.CopyTo(_vectors.AsSpan(slot * _dims, _dims));
        _scales[slot] = Int4Codes.Encode(normalised, _codes.AsSpan(slot * _codeBytes, _codeBytes));
    }

    private IReadOnlyList<VectorHit> SearchQuantized(float[] q, VectorFilter filter, int limit, Recency? recency)
    {
        var raw = new sbyte[_dims];
        var qScale = Int8Codes.Encode(q, raw);
        var qCodes = Int4Codes.Arrange(raw);
        var offset = 8 * raw.Sum(c => c);
        var pool = Math.Max(limit * Oversampling, 256);
        var parts = Environment.ProcessorCount;
        var size = (_count + parts - 1) / parts;
        var partial = new PriorityQueue<int, float>[parts];
        Parallel.For(0, parts, p => partial[p] = ScanCodes(qCodes, qScale, offset, filter, pool, recency, p * size, Math.Min(_count, (p + 1) * size)));

        var exact = new TopK(limit);
        var vectors = _vectors.AsSpan();
        foreach (var part in partial)
        {
            foreach (var (slot, _) in part.UnorderedItems)
            {
                var score = TensorPrimitives.Dot(vectors.Slice(slot * _dims, _dims), q);
                exact.Add(new VectorHit(_ids[slot], score, recency?.Rank(score, _fields[slot].UpdatedAt) ?? score));
            }
        }
        return exact.ToSortedHits();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PriorityQueue<int, float> ScanCodes(sbyte[] qCodes, float qScale, int offset, VectorFilter filter, int pool, Recency? recency, int from, int to)
    {
        var best = new PriorityQueue<int, float>(pool + 1);
        // Locals, not fields: the loop runs 100,000 times per search and each field read is a load and a bounds check.
        var users = _users;
        var scales = _scales;
        var fields = _fields;
        var codeBytes = _codeBytes;
        var user = UserNumberOrNone(filter.UserId);
        var userOnly = filter.IsUserOnly;
        var inverseQueryScale = 1f / qScale;
        // The weakest rank kept once the pool is full: most candidates fall below it and never touch the heap.
        var weakest = float.NegativeInfinity;
        Span<int> dots = stackalloc int[ScanBatch];
        for (var start = from; start < to; start += ScanBatch)
        {
            var rows = Math.Min(ScanBatch, to - start);
            Int4Codes.DotMany(_codes.AsSpan(start * codeBytes, rows * codeBytes), codeBytes, qCodes, dots[..rows]);
            for (var k = 0; k < rows; k++)
            {
                var i = start + k;
                if (users[i] != user) continue;
                if (!userOnly && !filter.Matches(fields[i])) continue;
                var approx = (dots[k] - offset) * inverseQueryScale / scales[i];
                var rank = recency is null ? approx : recency.Rank(approx, fields[i].UpdatedAt);
                if (rank <= weakest) continue;
                if (best.Count < pool) best.Enqueue(i, rank);
                else best.EnqueueDequeue(i, rank);
                if (best.Count == pool) best.TryPeek(out _, out weakest);
            }
        }
        return best;
    }

    /// <summary>Called under the write lock.</summary>
    private int UserNumber(string userId)
    {
        if (!_userNumbers.TryGetValue(userId, out var n)) _userNumbers[userId] = n = _userNumbers.Count;
        return n;
    }

    /// <summary>Called under the read lock; a user with no memories gets a number no slot has.</summary>
    private int UserNumberOrNone(string userId) => _userNumbers.TryGetValue(userId, out var n) ? n : -1;

    private void EnsureCapacity(int needed)
    {
        if (_ids.Length >= needed) return;
        var capacity = Math.Max(needed, Math.Max(1024, _ids.Length * 2));
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _versions, capacity);
        Array.Resize(ref _fields, capacity);
        Array.Resize(ref _users, capacity);
        Array.Resize(ref _vectors, capacity * _dims);
        Array.Resize(ref _codes, capacity * _codeBytes);
        Array.Resize(ref _scales, capacity);
    }

    private bool IsStale(Guid id, long version) =>
        (_tombstones.TryGetValue(id, out var dead) && dead >= version) ||
        (_slots.TryGetValue(id, out var slot) && _versions[slot] >= version);

    private static float[] Normalise(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm is 0 or float.NaN) return v;
        var copy = new float[v.Length];
        TensorPrimitives.Divide(v, norm, copy);
        return copy;
    }

    /// <summary>The best `limit` hits by rank: a min-heap whose top is the weakest kept.</summary>
    private sealed class TopK(int limit)
    {
        private readonly PriorityQueue<VectorHit, float> _heap = new(limit + 1);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(VectorHit hit)
        {
            if (_heap.Count < limit) _heap.Enqueue(hit, hit.Rank);
            else if (_heap.TryPeek(out _, out var weakest) && hit.Rank > weakest) _heap.EnqueueDequeue(hit, hit.Rank);
        }

        public void AddAll(TopK other)
        {
            foreach (var (hit, _) in other._heap.UnorderedItems) Add(hit);
        }

        public IReadOnlyList<VectorHit> ToSortedHits()
        {
            var hits = new VectorHit[_heap.Count];
            for (var i = hits.Length - 1; i >= 0; i--) hits[i] = _heap.Dequeue();
            return hits;
        }
    }
}
