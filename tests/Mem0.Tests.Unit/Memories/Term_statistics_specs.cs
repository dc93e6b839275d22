using Mem0.Projections.Memories.Ranking;

namespace Mem0.Tests.Unit.Memories;

/// <summary>The weights of BM25 as the ranker computes them: what makes a rare word count and a ubiquitous one not.</summary>
public sealed class Term_statistics_specs
{
    [Fact]
    public void A_rare_word_weighs_more_than_a_common_one() =>
        Assert.True(TermStatistics.Idf(600, 2) > 4 * TermStatistics.Idf(600, 200));

    [Fact]
    public void A_word_in_every_memory_weighs_next_to_nothing_and_never_less_than_nothing()
    {
        Assert.InRange(TermStatistics.Idf(600, 600), 0, 0.001);
        // Counts are capped separately, so a word's count can exceed the scope's; the weight stays positive.
        Assert.InRange(TermStatistics.Idf(500, 1000), 0, 0.001);
    }

    [Fact]
    public void A_lexeme_is_quoted_for_tsquery_with_quotes_and_backslashes_doubled() =>
        Assert.Equal(@"'o''brien\\x'", TermStatistics.Quote(@"o'brien\x"));
}
