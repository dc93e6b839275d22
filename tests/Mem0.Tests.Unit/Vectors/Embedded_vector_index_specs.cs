using Mem0.Projections.Vectors;

namespace Mem0.Tests.Unit.Vectors;

public sealed class Embedded_vector_index_specs
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7();

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
            new VectorPoint(A, 1, [1, 0, 0], "u", null, null),
            new VectorPoint(B, 1, [3, 3, 0], "u", null, null), // not unit length: normalised on the way in
            new VectorPoint(C, 1, [0, 0, 1], "u", null, null));

        var hits = index.Search([1, 0.2f, 0], new VectorFilter("u"), 2);

        Assert.Equal([A, B], hits.Select(h => h.Id));
        Assert.InRange(hits[0].Score, 0.98f, 1.0f);
        Assert.InRange(hits[1].Score, 0.83f, 0.84f);
    }

    [Fact]
    public void Filters_apply_before_the_cut()
    {
        var index = IndexWith(
            new VectorPoint(A, 1, [1, 0], "u", "agent-1", "r1"),
            new VectorPoint(B, 1, [0.9f, 0.1f], "u", "agent-2", "r1"),
            new VectorPoint(C, 1, [0, 1], "other-user", "agent-2", "r1"));

        Assert.Equal([B], index.Search([1, 0], new VectorFilter("u", AgentId: "agent-2"), 1).Select(h => h.Id));
        Assert.Equal([A, B], index.Search([1, 0], new VectorFilter("u", RunId: "r1"), 5).Select(h => h.Id));
        Assert.Equal([C], index.Search([1, 0], new VectorFilter("other-user"), 5).Select(h => h.Id));
    }

    [Fact]
    public void An_older_version_never_overwrites_a_newer_one()
    {
        var index = IndexWith(new VectorPoint(A, 2, [0, 1], "u", null, null));
        index.Upsert(new VectorPoint(A, 1, [1, 0], "u", null, null));
        index.Replace(A, 2, [1, 0]);

        Assert.InRange(index.Search([0, 1], new VectorFilter("u"), 1)[0].Score, 0.999f, 1.001f);
    }

    [Fact]
    public void A_deleted_memory_is_not_brought_back_by_a_late_replay()
    {
        var index = IndexWith(new VectorPoint(A, 1, [1, 0], "u", null, null));
        index.Remove(A, 2);
        index.Upsert(new VectorPoint(A, 1, [1, 0], "u", null, null));

        Assert.False(index.Contains(A));
        Assert.Empty(index.Search([1, 0], new VectorFilter("u"), 5));
        Assert.Equal(0, index.Count);
    }
}
