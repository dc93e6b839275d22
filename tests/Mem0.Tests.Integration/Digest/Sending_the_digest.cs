using Mem0.Settings;
using Mem0.Scheduler.Digest;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Digest;

/// <summary>
/// The digest job as the guide's digest app: the memories added in the window, as a bulleted list (or the chat
/// model's summary), posted in Slack's or Discord's shape to a local webhook, or written to the log. The clock is
/// the test's, so "the last day" is exact.
/// </summary>
public sealed class Sending_the_digest
{
    private static readonly DateTimeOffset Now = new(2026, 6, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Slack_gets_a_header_and_mrkdwn_sections_with_the_memories_of_the_window_only()
    {
        using var slack = new WebhookReceiver("/services/T000/B000/XXXX", 200);
        var clock = new TestClock(Now);
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["DIGEST_WEBHOOK_URL"] = slack.Url, ["DIGEST_TITLE"] = "Weekly brain" }, clock: clock);
        await host.ReadyAsync();
        await WriteAsync(host, clock);

        var outcome = await host.Services.GetRequiredService<DigestRunner>().RunAsync(CancellationToken.None);

        Assert.Equal(DigestOutcome.Sent, outcome);
        var post = Assert.Single(slack.Posts);
        Assert.Equal("Weekly brain: 2 memories from the last day", post.GetProperty("text").GetString());
        var blocks = post.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("Weekly brain", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var section = Assert.Single(blocks.Skip(1));
        Assert.Equal("mrkdwn", section.GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("• Leocadia maps lichens on the Burren.\n• Isadora repairs tower clocks in Ghent.", section.GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Discord_gets_content_and_an_embed_and_an_empty_window_sends_only_when_asked()
    {
        using var discord = new WebhookReceiver("/api/webhooks/1234/abcd", 204);
        var clock = new TestClock(Now);
        await using var host = new Mem0Host(null, new Dictionary<string, string?>
        {
            ["DIGEST_WEBHOOK_URL"] = discord.Url, ["DIGEST_WEBHOOK_FORMAT"] = "discord", ["DIGEST_WINDOW_DAYS"] = "7",
        }, clock: clock);
        await host.ReadyAsync();
        await WriteAsync(host, clock);
        var runner = host.Services.GetRequiredService<DigestRunner>();

        Assert.Equal(DigestOutcome.Sent, await runner.RunAsync(CancellationToken.None));
        var post = Assert.Single(discord.Posts);
        Assert.Equal("\U0001F9E0 Memory digest", post.GetProperty("content").GetString());
        var embed = Assert.Single(post.GetProperty("embeds").EnumerateArray());
        Assert.Equal("\U0001F9E0 Memory digest", embed.GetProperty("title").GetString());
        // A 7-day window reaches the memory from 3 days ago too.
        Assert.Equal("• Leocadia maps lichens on the Burren.\n• Isadora repairs tower clocks in Ghent.\n• Old news from three days ago.",
            embed.GetProperty("description").GetString());

        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(DigestOutcome.Skipped, await runner.RunAsync(CancellationToken.None));
        Assert.Single(discord.Posts);
        Assert.Contains(host.Logs.Lines, l => l.Contains("nothing added in the last 7 days; not sent"));

        var sendWhenEmpty = ActivatorUtilities.CreateInstance<DigestRunner>(host.Services,
            host.Services.GetRequiredService<DigestOptions>() with { DigestSendWhenEmpty = true });
        Assert.Equal(DigestOutcome.Sent, await sendWhenEmpty.RunAsync(CancellationToken.None));
        Assert.Equal("Nothing new in the last 7 days.", discord.Posts[1].GetProperty("embeds")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task With_a_chat_model_the_digest_is_its_summary_and_without_a_webhook_it_is_logged()
    {
        using var anthropic = new AnthropicStandIn();
        var clock = new TestClock(Now);
        await using var host = new Mem0Host(null, new Dictionary<string, string?>
        {
            ["MEM0_LLM_PROVIDER"] = "anthropic", ["ANTHROPIC_API_KEY"] = "test-anthropic-key", ["ANTHROPIC_BASE_URL"] = anthropic.Url,
            ["MEM0_PROVIDER_RETRIES"] = "0",
        }, clock: clock);
        await host.ReadyAsync();
        await host.SeedAsync("default-user", 1, _ => "Leocadia maps lichens on the Burren.", Now.AddHours(-2));
        await host.SeedAsync("default-user", 1, _ => "Isadora repairs tower clocks in Ghent.", Now.AddHours(-1));
        anthropic.Script(ScriptedReply.Says("Field work:\n• Leocadia is mapping lichens on the Burren.\nCraft:\n• Isadora repairs tower clocks in Ghent."));
        var runner = host.Services.GetRequiredService<DigestRunner>();

        Assert.Equal(DigestOutcome.Logged, await runner.RunAsync(CancellationToken.None));

        var prompt = Assert.Single(anthropic.Requests(AnthropicStandIn.MessagesPath));
        var asked = AnthropicStandIn.Body(prompt).GetProperty("messages")[0].GetRawText();
        Assert.Contains("Leocadia maps lichens on the Burren.", asked);
        Assert.Contains("Isadora repairs tower clocks in Ghent.", asked);
        Assert.Contains(host.Logs.Lines, l => l.Contains("DIGEST_WEBHOOK_URL is not set") && l.Contains("• Leocadia is mapping lichens on the Burren."));

        // A model that fails does not cost the digest: the plain list goes out, with a warning.
        anthropic.Script(ScriptedReply.Fails(500));
        Assert.Equal(DigestOutcome.Logged, await runner.RunAsync(CancellationToken.None));
        Assert.Contains(host.Logs.Lines, l => l.Contains("could not summarize") && l.Contains("level=Warning"));
        Assert.Contains(host.Logs.Lines, l => l.Contains("DIGEST_WEBHOOK_URL is not set") && l.Contains("• Isadora repairs tower clocks in Ghent.\n• Leocadia maps lichens on the Burren."));
    }

    [Fact]
    public async Task A_webhook_that_refuses_fails_the_run_naming_only_its_host()
    {
        using var slack = new WebhookReceiver("/services/T000/B000/SECRET", 403);
        var clock = new TestClock(Now);
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["DIGEST_WEBHOOK_URL"] = slack.Url }, clock: clock);
        await host.ReadyAsync();
        await WriteAsync(host, clock);

        var error = await Assert.ThrowsAsync<DigestDeliveryException>(() => host.Services.GetRequiredService<DigestRunner>().RunAsync(CancellationToken.None));

        Assert.Contains("The slack webhook at localhost answered 403: invalid_token", error.Message);
        Assert.DoesNotContain("SECRET", error.Message);
    }

    /// <summary>Two memories today through the API, one three days ago straight into the store.</summary>
    private static async Task WriteAsync(Mem0Host host, TestClock clock)
    {
        var api = host.Authorized();
        clock.Now = Now.AddHours(-3);
        await api.AddOne("Isadora repairs tower clocks in Ghent.");
        clock.Now = Now.AddHours(-1);
        await api.AddOne("Leocadia maps lichens on the Burren.");
        await host.SeedAsync("default-user", 1, _ => "Old news from three days ago.", Now.AddDays(-3));
        clock.Now = Now;
    }
}
