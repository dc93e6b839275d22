using Mem0.Cli.Capture;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using Telegram.Bot;

namespace Mem0.Tests.Integration.Capture;

/// <summary>The capture bot through the real Telegram.Bot client against a stand-in of the Bot API, saving to the real host.</summary>
public sealed class Capturing_from_telegram
{
    private const long Me = 111_222_333;
    private const long Stranger = 444_555_666;

    private static async Task<List<(long Chat, string Text)>> RunUntilAsync(TelegramStandIn telegram, HttpClient api, CaptureOptions options, int replies)
    {
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(TelegramStandIn.Token, telegram.Url), http);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = new TelegramCapture(bot, api, options, TextWriter.Null).RunAsync(stop.Token);
        try
        {
            await Eventually.HoldsAsync(() => telegram.Sent.Count >= replies, TimeSpan.FromSeconds(60), $"{replies} replies from the bot",
                () => $"sent so far: {telegram.Sent.Count}", TimeSpan.FromMilliseconds(20));
        }
        finally
        {
            await stop.CancelAsync();
            try { await run; }
            catch (OperationCanceledException) { }
        }
        return [.. telegram.Sent];
    }

    [Fact]
    public async Task An_allowlisted_chat_is_saved_another_is_refused_and_help_shows_usage()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        using var telegram = new TelegramStandIn();
        telegram.Message(Me, "My bike lock code is on the blue card.");
        telegram.Message(Stranger, "Let me in.");
        telegram.Message(Me, "/note Dentist moved to Thursdays.");
        telegram.Message(Me, "/help");

        var sent = await RunUntilAsync(telegram, api, new CaptureOptions(TelegramStandIn.Token, new HashSet<long> { Me }, PollTimeoutSeconds: 0), 4);

        Assert.Equal(
            [(Me, "Saved ✓"), (Stranger, "This chat is not allowed to save memories."), (Me, "Saved ✓"), (Me, TelegramCapture.Usage)],
            sent);
        var stored = (await api.GetJson("/api/v1/memories?agent_id=capture:telegram")).Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["Dentist moved to Thursdays.", "My bike lock code is on the blue card."], stored.Select(m => m.GetProperty("memory").GetString()).Order());
        Assert.All(stored, m => Assert.Equal(Me, m.GetProperty("metadata").GetProperty("chat_id").GetInt64()));
        Assert.DoesNotContain("Let me in.", (await api.SearchTexts("let me in", 10)));
    }

    [Fact]
    public async Task Discovery_mode_replies_with_the_chat_id_and_stores_nothing()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        using var telegram = new TelegramStandIn();
        telegram.Message(Me, "Hello bot");

        var sent = await RunUntilAsync(telegram, api, new CaptureOptions(TelegramStandIn.Token, new HashSet<long>(), PollTimeoutSeconds: 0), 1);

        var (chat, text) = Assert.Single(sent);
        Assert.Equal(Me, chat);
        Assert.Contains(Me.ToString(), text);
        Assert.Empty((await api.GetJson("/api/v1/memories")).Body.GetProperty("results").EnumerateArray());
    }
}
