using System.Text.Json;
using Mem0.Extractor.Ai;

namespace Mem0.Tests.Unit.Memories;

/// <summary>
/// Text in a prompt reaches the model as written. Guards the default encoder's `\u00D6lpreise`, which costs
/// tokens and reads badly to the model.
/// </summary>
public sealed class Prompt_json_specs
{
    [Theory]
    [InlineData("Ölpreise steigen im Winter")]
    [InlineData("東京に住んでいる")]
    [InlineData("Лучше чай, чем кофе")]
    [InlineData("Doesn't eat <raw> fish & chips + rice")]
    public void Non_latin_text_and_apostrophes_are_kept_as_they_are(string text)
    {
        var json = PromptJson.Serialize(new { facts = new[] { text } });
        Assert.Contains(text, json);
        Assert.DoesNotContain("\\u", json);
        Assert.Equal(text, JsonDocument.Parse(json).RootElement.GetProperty("facts")[0].GetString());
    }

    [Fact]
    public void What_json_requires_is_still_escaped()
    {
        const string text = "She said \"hi\"\\\n\tthen left\u0001";
        var json = PromptJson.Serialize(new { text });
        Assert.Equal(text, JsonDocument.Parse(json).RootElement.GetProperty("text").GetString());
        Assert.DoesNotContain("\n", json);
    }
}
