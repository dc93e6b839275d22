using System.Net.Http.Json;
using Marten;
using Mem0.Settings;
using Mem0.Projections.Memories;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Digest;

/// <summary>
/// One digest: the memories added in the last DIGEST_WINDOW_DAYS (newest first, at most DIGEST_MAX_MEMORIES),
/// summarized by the configured chat model when there is one (a plain bulleted list otherwise, or when the model
/// fails, with a warning), posted to DIGEST_WEBHOOK_URL or written to the log when none is set. An empty window
/// sends nothing unless DIGEST_SEND_WHEN_EMPTY. A webhook that refuses fails the run, so the job retries it.
/// </summary>
public sealed class DigestRunner(IDocumentStore store, DigestOptions settings, DigestComposer composer, IHttpClientFactory http,
    TimeProvider clock, IServiceProvider services, ILogger<DigestRunner> log)
{
    public const string HttpClientName = "mem0-digest";

    private const string SummaryPrompt =
        "Below are notes from a personal memory store, captured in the last {0}. Write a short digest of them for their owner: " +
        "group related notes under a few themes, one line per point starting with \"• \", keep names, dates and numbers exactly, " +
        "add nothing that is not in the notes. Plain text, no preamble, no closing remarks.\n\nNotes:\n{1}";

    public async Task<DigestOutcome> RunAsync(CancellationToken ct)
    {
        var draft = await ComposeAsync(summarize: true, ct);
        if (draft.Count == 0 && !settings.DigestSendWhenEmpty)
        {
            log.LogInformation("Digest: nothing added in the last {Window}; not sent (DIGEST_SEND_WHEN_EMPTY is false)", draft.Window);
            return DigestOutcome.Skipped;
        }
        var (headline, body) = (draft.Headline, draft.Body);

        if (settings.DigestWebhookUrl is not { } url)
        {
            log.LogInformation("Digest (DIGEST_WEBHOOK_URL is not set, so it is written here): {Title}: {Headline}\n{Body}",
                settings.DigestTitle, headline, body);
            return DigestOutcome.Logged;
        }
        var format = DigestComposer.FormatFor(url, settings.DigestWebhookFormat);
        var client = http.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(url, composer.Payload(format, settings.DigestTitle, headline, body), ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            // The webhook URL holds its secret, so only its host is named.
            throw new DigestDeliveryException($"The {SettingsReader.NameOf(format)} webhook at {new Uri(url).Host} answered {(int)response.StatusCode}: " +
                                              $"{(detail.Length > 200 ? detail[..200] : detail)}");
        }
        log.LogInformation("Digest sent to the {Format} webhook: {Headline}", SettingsReader.NameOf(format), headline);
        return DigestOutcome.Sent;
    }

    /// <summary>
    /// The digest as it would go out now: the memories of the window, its headline, and its body (the chat model's
    /// summary when <paramref name="summarize"/> and a model is configured, else the plain list). Sends nothing.
    /// </summary>
    public async Task<DigestDraft> ComposeAsync(bool summarize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-settings.DigestWindowDays);
        IReadOnlyList<MemoryView> memories;
        await using (var session = store.QuerySession())
        {
            memories = await session.Query<MemoryView>().Where(v => v.HappenedAt >= since)
                .OrderByDescending(v => v.HappenedAt).Take(settings.DigestMaxMemories).ToListAsync(ct);
        }
        var window = settings.DigestWindowDays == 1 ? "day" : $"{settings.DigestWindowDays} days";
        var headline = memories.Count == 0 ? $"nothing new in the last {window}"
            : $"{memories.Count} {(memories.Count == 1 ? "memory" : "memories")} from the last {window}";
        var body = memories.Count == 0 ? $"Nothing new in the last {window}."
            : summarize ? await BodyAsync(memories, window, ct) : PlainList(memories);
        return new DigestDraft(memories.Count, window, settings.DigestTitle, headline, body);
    }

    private static string PlainList(IReadOnlyList<MemoryView> memories) => string.Join("\n", memories.Select(m => "• " + m.Text.ReplaceLineEndings(" ")));

    private async Task<string> BodyAsync(IReadOnlyList<MemoryView> memories, string window, CancellationToken ct)
    {
        var list = PlainList(memories);
        // The local profile's "chat model" is a sentence splitter, not a writer: no IChatClient is registered for it.
        if (services.GetService<IChatClient>() is not { } chat) return list;
        try
        {
            var reply = await chat.GetResponseAsync(string.Format(SummaryPrompt, window, list), cancellationToken: ct);
            if (!string.IsNullOrWhiteSpace(reply.Text)) return reply.Text.Trim();
            log.LogWarning("Digest: the chat model returned an empty summary; sending the plain list");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Digest: the chat model could not summarize ({Reason}); sending the plain list", ex.Message);
        }
        return list;
    }
}

public enum DigestOutcome { Skipped, Logged, Sent }

/// <summary>A digest composed and not sent: how many memories, over which window, and what it says.</summary>
public sealed record DigestDraft(int Count, string Window, string Title, string Headline, string Body);

public sealed class DigestDeliveryException(string message) : Exception(message);
