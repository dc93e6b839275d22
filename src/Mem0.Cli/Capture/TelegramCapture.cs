using System.Net.Http.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Mem0.Cli.Capture;

/// <summary>
/// `mem0 capture telegram`: long-polls the Telegram Bot API (no public port needed) and saves each text message
/// from an allowlisted chat through POST /api/v1/memories, answering "Saved ✓". With no allowlist it is in
/// discovery mode: it answers every chat with its id and stores nothing. Other chats are refused. `/note
/// text` saves the text; `/start` and `/help` show usage.
/// </summary>
public sealed class TelegramCapture(ITelegramBotClient bot, HttpClient memory, CaptureOptions options, TextWriter log)
{
    public const string Usage = "Send me any text to save it to your memory, or /note <text>.";

    public async Task RunAsync(CancellationToken ct)
    {
        int? offset = null;
        var backoff = TimeSpan.FromSeconds(1);
        await log.WriteLineAsync(options.AllowedChats.Count == 0
            ? "capture: discovery mode (TELEGRAM_ALLOWED_CHAT_IDS is blank): replying with chat ids, storing nothing"
            : $"capture: saving messages from {options.AllowedChats.Count} allowed chat(s) as {options.AgentId}");
        while (!ct.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, 100, options.PollTimeoutSeconds, null, ct);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is RequestException && ct.IsCancellationRequested)
            {
                // Telegram.Bot wraps a cancellation that lands while it reads the reply in a RequestException; a stop
                // is a stop either way, ended as the caller expects one.
                throw new OperationCanceledException("The capture bot was stopped.", ex, ct);
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException && !ct.IsCancellationRequested)
            {
                await log.WriteLineAsync($"capture: Telegram unreachable ({ex.Message}); retrying in {backoff.TotalSeconds:0} s");
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromSeconds(Math.Min(60, backoff.TotalSeconds * 2));
                continue;
            }
            try
            {
                foreach (var update in updates)
                {
                    offset = update.Id + 1;
                    if (update.Message is { Text: { } text } message) await HandleAsync(message.Chat.Id, message.Id, text, ct);
                }
            }
            catch (Exception ex) when (ex is RequestException && ct.IsCancellationRequested)
            {
                // The same wrapping, for a stop that lands while a reply is being sent.
                throw new OperationCanceledException("The capture bot was stopped.", ex, ct);
            }
        }
    }

    private async Task HandleAsync(long chat, int messageId, string text, CancellationToken ct)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("/start", StringComparison.Ordinal) || trimmed.StartsWith("/help", StringComparison.Ordinal))
        {
            await ReplyAsync(chat, Usage, ct);
            return;
        }
        if (options.AllowedChats.Count == 0)
        {
            await ReplyAsync(chat, $"Your chat id is {chat}. Put it in TELEGRAM_ALLOWED_CHAT_IDS and restart the bot to save notes.", ct);
            return;
        }
        if (!options.AllowedChats.Contains(chat))
        {
            await log.WriteLineAsync($"capture: refused a message from chat {chat} (not in TELEGRAM_ALLOWED_CHAT_IDS)");
            await ReplyAsync(chat, "This chat is not allowed to save memories.", ct);
            return;
        }
        var note = trimmed.StartsWith("/note", StringComparison.Ordinal) ? trimmed["/note".Length..].Trim() : trimmed;
        if (note.Length == 0)
        {
            await ReplyAsync(chat, Usage, ct);
            return;
        }

        var body = new
        {
            content = note,
            agent_id = options.AgentId,
            metadata = new Dictionary<string, object> { ["source"] = options.AgentId, ["chat_id"] = chat, ["message_id"] = messageId },
        };
        try
        {
            using var reply = await memory.PostAsJsonAsync("/api/v1/memories", body, ct);
            if (reply.IsSuccessStatusCode)
            {
                await ReplyAsync(chat, "Saved ✓", ct);
                return;
            }
            var detail = ErrorDetail.Of(await reply.Content.ReadAsStringAsync(ct));
            await log.WriteLineAsync($"capture: the server refused a note ({(int)reply.StatusCode}): {detail}");
            await ReplyAsync(chat, $"Not saved: {detail}", ct);
        }
        catch (HttpRequestException ex)
        {
            await log.WriteLineAsync($"capture: the memory server is unreachable: {ex.Message}");
            await ReplyAsync(chat, "Not saved: the memory server is unreachable. Try again shortly.", ct);
        }
    }

    private Task ReplyAsync(long chat, string text, CancellationToken ct) => bot.SendMessage(chat, text, cancellationToken: ct);
}
