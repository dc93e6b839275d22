using Mem0.Projections.Vectors.Embedded;
using Mem0.Projections.Vectors;

namespace Mem0.Tests.Unit.Vectors;

public sealed class Embedded_vector_index_specs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7();

    private static PointFields Fields(string user = "u", string? agent = null, string? run = null, string? source = null,
        string? confidence = null, string? review = null, DateTimeOffset? expires = null, double ageDays = 0) =>
        new(user, agent, run, source, confidence, review, expires, Now.AddDays(-ageDays));

    private static EmbeddedVectorIndex IndexWith(params VectorPoint[] points)
    {
        var index = new EmbeddedVectorIndex();
        foreach (var p in points) index.Upsert(p);
        return index;
    }

    [Fact]
    public void Search_ranks_by_cosine_and_cuts_at_the_limit()
    {
        var index = IndexWith(
            new VectorPoint(A, 1, [1, 0, 0], Fields()),
            new VectorPoint(B, 1, [3, 3, 0], Fields()), // not unit length: normalised on the way in
            new VectorPoint(C, 1, [0, 0, 1], Fields()));

        var hits = index.Search([1, 0.2f, 0], new VectorFilter("u"), 2);

        Assert.Equal([A, B], hits.Select(h => h.Id));
        Assert.InRange(hits[0].Score, 0.98f, 1.0f);
        Assert.InRange(hits[1].Score, 0.83f, 0.84f);
        Assert.Equal(hits[0].Score, hits[0].Rank);
    }

    [Fact]
    public void Every_filter_applies_before_the_cut()
    {
        var index = IndexWith(
            new VectorPoint(A, 1, [1, 0], Fields(agent: "agent-1", run: "r1", source: "user", confidence: "high", review: "approved")),
            new VectorPoint(B, 1, [0.9f, 0.1f], Fields(agent: "agent-2", run: "r1", source: "import:chatgpt", confidence: "low", review: "unreviewed")),
            new VectorPoint(C, 1, [0, 1], Fields(user: "other-user", agent: "agent-2", run: "r1")));

        Assert.Equal([B], index.Search([1, 0], new VectorFilter("u", AgentId: "agent-2"), 1).Select(h => h.Id));
        Assert.Equal([A, B], index.Search([1, 0], new VectorFilter("u", RunId: "r1"), 5).Select(h => h.Id));
        Assert.Equal([B], index.Search([1, 0], new VectorFilter("u", Source: "import:chatgpt"), 5).Select(h => h.Id));
        Assert.Equal([A], index.Search([1, 0], new VectorFilter("u", Confidence: "high"), 5).Select(h => h.Id));
        Assert.Equal([B], index.Search([1, 0], new VectorFilter("u", ReviewStatus: "unreviewed"), 5).Select(h => h.Id));
        Assert.Equal([C], index.Search([1, 0], new VectorFilter("other-user"), 5).Select(h => h.Id));
    }

    [Fact]
    public void Expired_memories_are_dropped_only_when_asked()
    {
        var index = IndexWith(
            new VectorPoint(A, 1, [1, 0], Fields(expires: Now.AddDays(-1))),
            new VectorPoint(B, 1, [0.9f, 0.1f], Fields(expires: Now.AddDays(1))),
            new VectorPoint(C, 1, [0.8f, 0.2f], Fields()));

        Assert.Equal([A, B, C], index.Search([1, 0], new VectorFilter("u"), 5).Select(h => h.Id));
        Assert.Equal([B, C], index.Search([1, 0], new VectorFilter("u", NotExpiredAt: Now), 5).Select(h => h.Id));
    }

    [Fact]
    public void Recency_lifts_a_newer_memory_over_a_slightly_closer_older_one()
    {
        var index = IndexWith(
            new VectorPoint(A, 1, [1, 0.05f], Fields(ageDays: 120)),
            new VectorPoint(B, 1, [1, 0.15f], Fields(ageDays: 1)));

        Assert.Equal([A, B], index.Search([1, 0], new VectorFilter("u"), 2).Select(h => h.Id));
        var boosted = index.Search([1, 0], new VectorFilter("u"), 2, new Recency(0.4, 30, Now));
        Assert.Equal([B, A], boosted.Select(h => h.Id));
        // rank = 0.6·similarity + 0.4·0.5^(age/30)
        Assert.Equal(0.6 * boosted[0].Score + 0.4 * Math.Pow(0.5, 1 / 30.0), boosted[0].Rank, 4);
    }

    [Fact]
    public void An_older_version_never_overwrites_a_newer_one()
    {
        var index = IndexWith(new VectorPoint(A, 2, [0, 1], Fields()));
        index.Upsert(new VectorPoint(A, 1, [1, 0], Fields()));
        index.Upsert(new VectorPoint(A, 2, [1, 0], Fields()));

        Assert.InRange(index.Search([0, 1], new VectorFilter("u"), 1)[0].Score, 0.999f, 1.001f);
    }

    [Fact]
    public void A_deleted_memory_is_not_brought_back_by_a_late_replay()
    {
        var index = IndexWith(new VectorPoint(A, 1, [1, 0], Fields()));
        index.Remove(A, 2);
        index.Upsert(new VectorPoint(A, 1, [1, 0], Fields()));

        Assert.False(index.Contains(A));
        Assert.Empty(index.Search([1, 0], new VectorFilter("u"), 5));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Removing_from_the_middle_keeps_every_other_memory_findable()
    {
        var index = IndexWith(
            new VectorPoint(A, 1, [1, 0, 0], Fields()), new VectorPoint(B, 1, [0, 1, 0], Fields()), new VectorPoint(C, 1, [0, 0, 1], Fields()));
        index.Remove(A, 2);

        Assert.Equal(C, index.Search([0, 0, 1], new VectorFilter("u"), 1)[0].Id);
        Assert.Equal(B, index.Search([0, 1, 0], new VectorFilter("u"), 1)[0].Id);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_large_index_scanned_in_parallel_returns_the_same_top_k_as_a_brute_force_ranking()
    {
        var random = new Random(42);
        var points = Enumerable.Range(0, 30_000).Select(_ => new VectorPoint(Guid.NewGuid(), 1,
            Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(), Fields(source: random.Next(3) == 0 ? "a" : "b"))).ToList();
        var index = IndexWith([.. points]);
        var query = Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

        var hits = index.Search(query, new VectorFilter("u", Source: "a"), 25);

        static float Cos(float[] x, float[] y) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y);
        var expected = points.Where(p => p.Fields.Source == "a").OrderByDescending(p => Cos(p.Vector, query)).Take(25).Select(p => p.Id);
        Assert.Equal(expected, hits.Select(h => h.Id));
    }

    [Fact]
    public void Past_fifty_thousand_the_4_bit_candidate_pass_keeps_the_exact_top_ten_and_scores_stay_exact()
    {
        var random = new Random(7);
        float[] Random384() => Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var points = Enumerable.Range(0, EmbeddedVectorIndex.QuantizedThreshold + 10_000)
            .Select(i => new VectorPoint(Guid.NewGuid(), 1, Random384(), Fields(ageDays: i % 50))).ToList();
        var index = IndexWith([.. points]);
        static float Cos(float[] x, float[] y) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y);

        for (var k = 0; k < 10; k++)
        {
            var query = Random384();
            var recency = k % 2 == 0 ? null : new Recency(0.3, 30, Now);
            var hits = index.Search(query, new VectorFilter("u"), 10, recency);

            var expected = points
                .Select(p => (p.Id, Score: Cos(p.Vector, query), Rank: recency?.Rank(Cos(p.Vector, query), p.Fields.UpdatedAt) ?? Cos(p.Vector, query)))
                .OrderByDescending(p => p.Rank).Take(10).ToList();
            Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id));
            Assert.All(hits.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 4));
        }
    }
}
