using System.Text.Json.Nodes;
using Mem0.Scheduler.Digest;
using Mem0.Settings;

namespace Mem0.Tests.Unit.Scheduling;

/// <summary>Each platform's payload stays inside that platform's limits however long the digest is.</summary>
public sealed class Digest_payload_specs
{
    // 1,000 lines of ~195 characters: more than Slack's 49 sections of 3,000 or Discord's 6,000 hold.
    private const int Lines = 1000;
    private static readonly string LongList = string.Join("\n", Enumerable.Range(0, Lines).Select(i => $"• Memory {i}: " + new string('x', 180)));

    [Theory]
    [InlineData("https://discord.com/api/webhooks/1/abc", WebhookFormat.Auto, WebhookFormat.Discord)]
    [InlineData("https://discordapp.com/api/webhooks/1/abc", WebhookFormat.Auto, WebhookFormat.Discord)]
    [InlineData("https://hooks.slack.com/services/T/B/X", WebhookFormat.Auto, WebhookFormat.Slack)]
    [InlineData("https://chat.example.com/hooks/abc", WebhookFormat.Auto, WebhookFormat.Slack)]
    [InlineData("https://hooks.slack.com/services/T/B/X", WebhookFormat.Discord, WebhookFormat.Discord)]
    public void The_format_is_detected_from_the_url_unless_set(string url, WebhookFormat configured, WebhookFormat expected) =>
        Assert.Equal(expected, DigestComposer.FormatFor(url, configured));

    [Fact]
    public void Slack_gets_at_most_fifty_blocks_of_at_most_three_thousand_characters_and_says_what_was_cut()
    {
        var payload = new DigestComposer().Payload(WebhookFormat.Slack, new string('T', 200), "500 memories from the last day", LongList);

        var blocks = payload["blocks"]!.AsArray();
        Assert.True(blocks.Count <= 50);
        Assert.True(blocks[0]!["text"]!["text"]!.GetValue<string>().Length <= 150);
        var sections = blocks.Skip(1).Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        Assert.All(sections, s => Assert.True(s.Length <= 3000, $"a section of {s.Length} characters"));
        Assert.StartsWith("• Memory 0:", sections[0]);
        Assert.Matches(@"…and \d+ more lines$", sections[^1]);
        var shown = sections.Sum(s => s.Split('\n').Count(l => l.StartsWith("• Memory")));
        Assert.Equal(Lines - int.Parse(System.Text.RegularExpressions.Regex.Match(sections[^1], @"and (\d+) more").Groups[1].Value), shown);
        Assert.Equal(new string('T', 200) + ": 500 memories from the last day", payload["text"]!.GetValue<string>());
    }

    [Fact]
    public void Discord_gets_at_most_ten_embeds_within_six_thousand_characters_and_content_within_two_thousand()
    {
        var payload = new DigestComposer().Payload(WebhookFormat.Discord, "\U0001F9E0 Memory digest", "500 memories", LongList);

        Assert.Equal("\U0001F9E0 Memory digest", payload["content"]!.GetValue<string>());
        var embeds = payload["embeds"]!.AsArray();
        Assert.InRange(embeds.Count, 1, 10);
        var total = embeds.Sum(e => (e!["title"]?.GetValue<string>().Length ?? 0) + e["description"]!.GetValue<string>().Length);
        Assert.True(total <= 6000, $"{total} characters across the embeds");
        Assert.All(embeds, e => Assert.True(e!["description"]!.GetValue<string>().Length <= 4096));
        Assert.Matches(@"…and \d+ more lines$", embeds[^1]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void A_short_digest_is_sent_whole_in_one_section_or_embed()
    {
        var body = "• One\n• Two";
        var slack = new DigestComposer().Payload(WebhookFormat.Slack, "T", "2 memories", body);
        var discord = new DigestComposer().Payload(WebhookFormat.Discord, "T", "2 memories", body);

        Assert.Equal(body, slack["blocks"]![1]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal(2, slack["blocks"]!.AsArray().Count);
        Assert.Equal(body, Assert.Single(discord["embeds"]!.AsArray())!["description"]!.GetValue<string>());
    }

    [Fact]
    public void A_single_line_longer_than_a_block_is_cut_not_dropped()
    {
        var chunks = DigestComposer.Chunks(new string('y', 10_000), 3000, 49, int.MaxValue);
        var chunk = Assert.Single(chunks);
        Assert.True(chunk.Length <= 3000);
        Assert.EndsWith("…", chunk);
    }
}
