using Mem0.Contracts.Model;
using Mem0.Extractor.Facts;

namespace Mem0.Tests.Unit.Memories;

public sealed class Local_fact_extractor_specs
{
    [Fact]
    public void Content_is_split_into_sentences()
    {
        var facts = LocalFactExtractor.Extract("We host on CapRover. I prefer dark mode!  Is Bob on call? Yes.", null);
        Assert.Equal(["We host on CapRover.", "I prefer dark mode!", "Is Bob on call?", "Yes."], facts);
    }

    [Theory]
    [InlineData("We upgraded to v1.2 last week.")]
    [InlineData("Bring snacks, e.g. fruit and nuts.")]
    [InlineData("The parcel weighs 3.5 kg.")]
    [InlineData("A single fact without a full stop")]
    public void Versions_abbreviations_and_decimals_do_not_split_a_sentence(string sentence) =>
        Assert.Equal([sentence], LocalFactExtractor.Extract(sentence, null));

    [Fact]
    public void Blank_lines_and_list_bullets_end_a_fact()
    {
        var facts = LocalFactExtractor.Extract("Groceries to remember\n\n- oat milk\n- rye bread\n* coffee beans", null);
        Assert.Equal(["Groceries to remember", "oat milk", "rye bread", "coffee beans"], facts);
    }

    [Fact]
    public void Only_the_users_turns_of_a_transcript_become_facts()
    {
        var facts = LocalFactExtractor.Extract(null,
        [
            new ChatMessage("user", "My cat is called Miso."),
            new ChatMessage("assistant", "What a lovely name. Does Miso like fish?"),
            new ChatMessage("User", "She loves salmon."),
            new ChatMessage("system", "Be nice."),
        ]);
        Assert.Equal(["My cat is called Miso.", "She loves salmon."], facts);
    }

    [Fact]
    public void Repeated_sentences_and_empty_text_are_dropped()
    {
        Assert.Equal(["Tea is nice."], LocalFactExtractor.Extract("Tea is nice. Tea   is NICE.", null));
        Assert.Empty(LocalFactExtractor.Extract("   ", null));
        Assert.Empty(LocalFactExtractor.Extract("... !!", null));
    }
}
