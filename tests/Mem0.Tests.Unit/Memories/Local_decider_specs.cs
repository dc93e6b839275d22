using Mem0.Extractor.Decisions;

namespace Mem0.Tests.Unit.Memories;

public sealed class Local_decider_specs
{
    private static readonly Guid Existing = Guid.CreateVersion7();

    [Fact]
    public void With_nothing_similar_a_fact_is_added() =>
        Assert.Null(LocalUpdateDecider.Twin("fp1", [], 0.95));

    [Fact]
    public void The_same_fingerprint_is_none_whatever_the_vector_says() =>
        Assert.Equal(Existing, LocalUpdateDecider.Twin("fp1", [new SimilarMemory(Existing, "fp1", 0.10f)], 0.95)?.Id);

    [Theory]
    [InlineData(0.95f, true)]
    [InlineData(0.99f, true)]
    [InlineData(0.9499f, false)]
    [InlineData(0.87f, false)]
    public void A_near_identical_vector_at_or_above_the_threshold_is_none(float score, bool twin) =>
        Assert.Equal(twin, LocalUpdateDecider.Twin("fp-new", [new SimilarMemory(Existing, "fp-other", score)], 0.95) is not null);
}
