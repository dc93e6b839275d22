using Mem0.Projections.Memories;

namespace Mem0.Tests.Unit.Memories;

public sealed class Text_search_terms_specs
{
    [Fact]
    public void Query_words_are_lowercased_deduplicated_and_stripped_of_query_syntax() =>
        Assert.Equal(["invoice", "inv-88213", "status", "it"],
            MemoryTextSearch.Terms("Invoice INV-88213 status? invoice | & ! it's a"));

    [Fact]
    public void Identifiers_are_the_words_with_a_digit_or_a_capital() =>
        Assert.Equal(["inv-88213", "philips", "v1.2"], MemoryTextSearch.Identifiers("where is INV-88213 from Philips, v1.2 or the invoice"));

    [Fact]
    public void A_query_of_punctuation_has_no_terms() =>
        Assert.Empty(MemoryTextSearch.Terms("?! -- ' ()"));
}
