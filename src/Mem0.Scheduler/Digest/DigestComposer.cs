using Mem0.Settings;
using System.Text;
using System.Text.Json.Nodes;

namespace Mem0.Scheduler.Digest;

/// <summary>
/// The digest as each platform takes it, inside that platform's limits: Slack gets a header block and mrkdwn
/// sections (150 and 3,000 characters, 50 blocks) with a short `text` for notifications; Discord gets `content`
/// and embeds (title 256, description 4,096, 10 embeds, 6,000 characters across them). What does not fit is cut
/// at a line and counted ("…and 12 more lines"), never sent as a request the platform refuses.
/// </summary>
public sealed class DigestComposer
{

    /// <summary>`auto` reads the URL: Discord's webhook hosts are Discord; everything else gets Slack's shape, which Slack-compatible hooks (Mattermost, Rocket.Chat) take too.</summary>
    public static WebhookFormat FormatFor(string url, WebhookFormat configured)
    {
        if (configured != WebhookFormat.Auto) return configured;
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant() : "";
        return host is "discord.com" or "discordapp.com" or "canary.discord.com" or "ptb.discord.com" ? WebhookFormat.Discord : WebhookFormat.Slack;
    }

    public JsonObject Payload(WebhookFormat format, string title, string headline, string body) =>
        format == WebhookFormat.Discord ? DiscordPayload(title, body) : SlackPayload(title, headline, body);

    private static JsonObject SlackPayload(string title, string headline, string body)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(title, 150), ["emoji"] = true } },
        };
        foreach (var chunk in Chunks(body, 3000, maxChunks: 49, maxTotal: int.MaxValue))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = chunk } });
        }
        return new JsonObject { ["text"] = Cut($"{title}: {headline}", 3000), ["blocks"] = blocks };
    }

    private static JsonObject DiscordPayload(string title, string body)
    {
        var embedTitle = Cut(title, 256);
        var embeds = new JsonArray();
        foreach (var chunk in Chunks(body, 4096, maxChunks: 10, maxTotal: 6000 - embedTitle.Length))
        {
            var embed = new JsonObject { ["description"] = chunk };
            if (embeds.Count == 0) embed["title"] = embedTitle;
            embeds.Add(embed);
        }
        return new JsonObject { ["content"] = Cut(title, 2000), ["embeds"] = embeds };
    }

    /// <summary>The body in chunks of whole lines, each at most <paramref name="size"/>, within the count and total given.</summary>
    public static IReadOnlyList<string> Chunks(string body, int size, int maxChunks, int maxTotal)
    {
        var lines = body.Split('\n');
        var chunks = new List<string>();
        var current = new StringBuilder();
        var total = 0;
        const int reserve = 40; // room for the "…and N more lines" note
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Cut(lines[i], size - reserve);
            var needed = line.Length + (current.Length > 0 ? 1 : 0);
            var fitsChunk = current.Length + needed <= size - reserve;
            var newChunk = !fitsChunk;
            var cost = newChunk ? line.Length : needed;
            var lastChunk = chunks.Count + 1 >= maxChunks;
            if ((newChunk && lastChunk) || total + cost > maxTotal - reserve)
            {
                if (current.Length > 0) current.Append('\n');
                current.Append($"…and {lines.Length - i} more lines");
                break;
            }
            if (newChunk)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            else if (current.Length > 0) current.Append('\n');
            current.Append(line);
            total += cost;
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
