using Mem0.Projections.Memories;

namespace Mem0.Tests.Unit.Memories;

public sealed class Text_search_terms_specs
{
    [Fact]
    public void Identifiers_are_the_words_with_a_digit_or_a_capital_lowercased_once() =>
        Assert.Equal(["inv-88213", "philips", "v1.2"], MemoryTextSearch.Identifiers("where is INV-88213 from Philips, v1.2 or the invoice? inv-88213"));

    [Fact]
    public void A_query_without_names_or_identifiers_has_none() =>
        Assert.Empty(MemoryTextSearch.Identifiers("Which milk do we buy? Who knows -- ' ()"));

    [Fact]
    public void Mixed_case_and_all_caps_words_count_even_at_a_sentence_start() =>
        Assert.Equal(["nasa", "iphone"], MemoryTextSearch.Identifiers("NASA bought an iPhone. Nice."));
}
