using Mem0.Extractor.Decisions;

namespace Mem0.Tests.Unit.Memories;

public sealed class Local_decider_specs
{
    private static readonly Guid Existing = Guid.CreateVersion7();

    [Fact]
    public void With_nothing_similar_a_fact_is_added()
    {
        var d = LocalDecider.Decide("Tea is nice.", "fp1", [], 0.95);
        Assert.Equal("ADD", d.Event);
        Assert.Null(d.ExistingId);
    }

    [Fact]
    public void The_same_fingerprint_is_none_whatever_the_vector_says()
    {
        var d = LocalDecider.Decide("Tea is nice.", "fp1", [new SimilarMemory(Existing, "fp1", 0.10f)], 0.95);
        Assert.Equal("NONE", d.Event);
        Assert.Equal(Existing, d.ExistingId);
    }

    [Theory]
    [InlineData(0.95f, "NONE")]
    [InlineData(0.99f, "NONE")]
    [InlineData(0.9499f, "ADD")]
    [InlineData(0.87f, "ADD")]
    public void A_near_identical_vector_at_or_above_the_threshold_is_none(float score, string expected) =>
        Assert.Equal(expected, LocalDecider.Decide("fact", "fp-new", [new SimilarMemory(Existing, "fp-other", score)], 0.95).Event);
}
