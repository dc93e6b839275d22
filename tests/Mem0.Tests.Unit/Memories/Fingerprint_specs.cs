using Mem0.Contracts.Model;
using Mem0.Projections.Memories;

namespace Mem0.Tests.Unit.Memories;

public sealed class Fingerprint_specs
{
    [Theory]
    [InlineData("I prefer dark mode", "i prefer DARK mode")]
    [InlineData("I prefer dark mode", "  I   prefer\tdark\nmode  ")]
    public void Case_and_whitespace_do_not_change_the_fingerprint(string a, string b) =>
        Assert.Equal(Fingerprint.Of(a), Fingerprint.Of(b));

    [Theory]
    [InlineData("I prefer dark mode", "I prefer light mode")]
    [InlineData("I prefer dark mode", "I prefer dark mode.")]
    public void Different_words_or_punctuation_give_a_different_fingerprint(string a, string b) =>
        Assert.NotEqual(Fingerprint.Of(a), Fingerprint.Of(b));

    [Fact]
    public void A_fingerprint_is_lowercase_hex_sha256() =>
        Assert.Matches("^[0-9a-f]{64}$", Fingerprint.Of("anything"));

    [Fact]
    public void A_transcript_fingerprint_depends_on_who_said_what()
    {
        var user = Fingerprint.Of([new ChatMessage("user", "I like tea")]);
        var assistant = Fingerprint.Of([new ChatMessage("assistant", "I like tea")]);
        var userAgain = Fingerprint.Of([new ChatMessage("USER", "  i like TEA ")]);
        Assert.NotEqual(user, assistant);
        Assert.Equal(user, userAgain);
    }
}
