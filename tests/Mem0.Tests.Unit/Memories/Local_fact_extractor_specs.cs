using Mem0.Contracts.Model;
using Mem0.Extractor.Facts;

namespace Mem0.Tests.Unit.Memories;

public sealed class Local_fact_extractor_specs
{
    [Fact]
    public void Content_is_split_into_sentences_and_a_one_word_answer_stays_with_its_question()
    {
        var facts = LocalFactExtractor.Extract("We host on CapRover. I prefer dark mode!  Is Bob on call? Yes.", null);
        Assert.Equal(["We host on CapRover.", "I prefer dark mode!", "Is Bob on call? Yes."], facts);
    }

    [Fact]
    public void Every_sentence_of_a_transcript_line_keeps_its_date_and_speaker()
    {
        var facts = LocalFactExtractor.Extract("[2023-05-08] Caroline: Hey Mel! Good to see you! I'm powering through the week.", null);
        Assert.Equal(["[2023-05-08] Caroline: Hey Mel! Good to see you!", "[2023-05-08] Caroline: I'm powering through the week."], facts);
    }

    [Fact]
    public void Each_line_of_a_pasted_transcript_is_a_turn_with_its_own_speaker()
    {
        var facts = LocalFactExtractor.Extract("Anna Lee: We moved to Ghent in May.\nBob: Nice, I grew up near there", null);
        Assert.Equal(["Anna Lee: We moved to Ghent in May.", "Bob: Nice, I grew up near there"], facts);
    }

    [Fact]
    public void Whole_turns_keep_a_turn_as_one_fact_but_still_cut_a_page_into_sentences()
    {
        Assert.Equal(["[2023-05-08] Caroline: Hey Mel! Good to see you! I'm powering through the week."],
            LocalFactExtractor.Extract("[2023-05-08] Caroline: Hey Mel! Good to see you! I'm powering through the week.", null, wholeTurns: true));
        var page = string.Join(" ", Enumerable.Range(1, 80).Select(i => $"Line {i} of the long page."));
        Assert.Equal(80, LocalFactExtractor.Extract(page, null, wholeTurns: true).Count);
    }

    [Fact]
    public void A_short_reply_alone_is_kept_rather_than_lost()
    {
        Assert.Equal(["Bob: Haha!"], LocalFactExtractor.Extract("Bob: Haha!", null));
        Assert.Equal(["Yes. We host on CapRover."], LocalFactExtractor.Extract("Yes. We host on CapRover.", null));
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
