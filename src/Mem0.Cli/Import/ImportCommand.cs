using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mem0.Cli.Import;

/// <param name="Interactive">Output is a terminal: the progress bar redraws in place instead of printing lines.</param>
/// <param name="BatchSize">Items per batch request (at most <see cref="ImportCommand.MaxBatch"/>).</param>
public sealed record ImportOptions(string? Source = null, int? Limit = null, bool DryRun = false, int Concurrency = 4, bool Interactive = false,
    int BatchSize = 50);

/// <summary>
/// `mem0 import chatgpt|obsidian|readwise PATH`: reads the whole export first (a malformed one fails naming the
/// file and position, and nothing is sent), then posts the items with `agent_id=import:<source>` in batches
/// (`POST /api/v1/memories/batch`, each under its own `Idempotency-Key`), a few batches at a time, retrying 429 and
/// 5xx with backoff (honouring Retry-After). Progress and a summary show added,
/// deduplicated and failed counts. Exit 0 when nothing failed, 1 when some items failed, 2 for a bad export.
/// </summary>
public static class ImportCommand
{
    public static readonly string[] Formats = ["chatgpt", "obsidian", "readwise"];
    private const int Attempts = 4;

    public static async Task<int> RunAsync(HttpClient server, string format, string path, ImportOptions options,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var source = options.Source ?? format;
        IReadOnlyList<ImportItem> items;
        try
        {
            items = format switch
            {
                "chatgpt" => ChatGptExport.Read(path, source),
                "obsidian" => ObsidianVault.Read(path, source),
                "readwise" => ReadwiseCsv.Read(path, source),
                _ => throw new ImportFormatException($"unknown format '{format}': use {string.Join(", ", Formats)}."),
            };
        }
        catch (Exception ex) when (ex is ImportFormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"mem0: {ex.Message}");
            return 2;
        }
        if (options.Limit is { } limit) items = items.Take(limit).ToList();
        var agentId = $"import:{source}";

        if (options.DryRun)
        {
            foreach (var item in items.Take(10))
            {
                var preview = item.Content ?? string.Join(" / ", item.Messages!.Select(m => $"{m.Role}: {m.Content}"));
                await output.WriteLineAsync($"  {item.Label}: {(preview.Length > 100 ? preview[..99] + "…" : preview)}");
            }
            await output.WriteLineAsync($"dry run: {items.Count} item(s) from {path} would be sent as {agentId}; nothing was sent.");
            return 0;
        }

        var progress = new ImportProgress(items.Count, options.Interactive, output);
        // One key per batch of this run: a batch retried after a lost answer is answered, not added twice.
        var run = Guid.NewGuid().ToString("N")[..12];
        var batches = Batches(items, Math.Clamp(options.BatchSize, 1, MaxBatch)).Select((b, i) => (Items: b, Key: $"mem0-import-{run}-{i}")).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = ct },
            async (batch, token) =>
            {
                var outcomes = await SendBatchAsync(server, batch.Items, batch.Key, agentId, token);
                await progress.ReportAsync(batch.Items.Zip(outcomes, (item, o) => (item.Label, o.Outcome, o.Problem)), error, token);
            });
        await output.WriteLineAsync($"import {format} from {path}: {items.Count} item(s): added {progress.Added}, deduplicated {progress.Deduplicated}, failed {progress.Failed}");
        return progress.Failed == 0 ? 0 : 1;
    }

    /// <summary>The server's limit per batch request.</summary>
    public const int MaxBatch = 100;

    /// <summary>A batch's items stay well under the server's 1 MB body limit: a long note or conversation goes in a smaller batch.</summary>
    private const int MaxBatchChars = 400_000;

    private static IEnumerable<List<ImportItem>> Batches(IReadOnlyList<ImportItem> items, int size)
    {
        var batch = new List<ImportItem>();
        var chars = 0;
        foreach (var item in items)
        {
            var length = item.Content?.Length ?? item.Messages!.Sum(m => m.Content.Length + 16);
            if (batch.Count > 0 && (batch.Count == size || chars + length > MaxBatchChars))
            {
                yield return batch;
                batch = [];
                chars = 0;
            }
            batch.Add(item);
            chars += length;
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// One batch request, retried whole (same key) on 429, 5xx or no answer; each item's own answer after. An item the
    /// server failed for a passing reason (its provider, 5xx) is sent again alone; a server without the batch route (404,
    /// 405) gets every item alone.
    /// </summary>
    private static async Task<List<(string Outcome, string? Problem)>> SendBatchAsync(HttpClient server, List<ImportItem> items, string key,
        string agentId, CancellationToken ct)
    {
        var body = new JsonObject { ["items"] = new JsonArray(items.Select(i => (JsonNode)i.ToBody(agentId)).ToArray()) };
        var (status, text) = await PostWithRetriesAsync(server, "/api/v1/memories/batch", body, key, ct);
        if (status is 404 or 405) return await SendEachAsync(server, items, agentId, ct);
        if (status is not >= 200 or >= 300) return items.Select(_ => ("failed", (string?)(status == 0 ? text : $"{status} {ErrorDetail.Of(text)}"))).ToList();

        using var doc = JsonDocument.Parse(text);
        var outcomes = new List<(string Outcome, string? Problem)>();
        var answers = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var answer = answers[i];
            var itemStatus = answer.GetProperty("status").GetInt32();
            if (itemStatus >= 500) outcomes.Add(await SendAsync(server, items[i].ToBody(agentId), ct));
            else if (itemStatus >= 300) outcomes.Add(("failed", $"{itemStatus} {answer.GetProperty("detail").GetString()}"));
            else outcomes.Add((Outcome(answer), null));
        }
        return outcomes;
    }

    private static async Task<List<(string Outcome, string? Problem)>> SendEachAsync(HttpClient server, List<ImportItem> items, string agentId, CancellationToken ct)
    {
        var outcomes = new List<(string, string?)>();
        foreach (var item in items) outcomes.Add(await SendAsync(server, item.ToBody(agentId), ct));
        return outcomes;
    }

    /// <summary>An add's answer: "added", or "deduplicated" when it stored nothing new (a fingerprint hit, or nothing new after extraction).</summary>
    private static string Outcome(JsonElement answer)
    {
        var dedup = answer.TryGetProperty("deduplicated", out var d) && d.GetBoolean();
        return dedup || answer.GetProperty("results").GetArrayLength() == 0 ? "deduplicated" : "added";
    }

    private static async Task<(string Outcome, string? Problem)> SendAsync(HttpClient server, JsonObject body, CancellationToken ct)
    {
        var (status, text) = await PostWithRetriesAsync(server, "/api/v1/memories", body, null, ct);
        if (status == 0) return ("failed", text);
        if (status is < 200 or >= 300) return ("failed", $"{status} {ErrorDetail.Of(text)}");
        using var doc = JsonDocument.Parse(text);
        return (Outcome(doc.RootElement), null);
    }

    /// <summary>
    /// The status and body of a POST, retrying 429 and 5xx with backoff (honouring Retry-After) and an unreachable server;
    /// status 0 with the reason when it never answered.
    /// </summary>
    private static async Task<(int Status, string Text)> PostWithRetriesAsync(HttpClient server, string path, JsonObject body, string? key, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                if (key is not null) request.Headers.Add("Idempotency-Key", key);
                using var reply = await server.SendAsync(request, ct);
                var text = await reply.Content.ReadAsStringAsync(ct);
                var retryable = reply.StatusCode == HttpStatusCode.TooManyRequests || (int)reply.StatusCode >= 500
                                // The same batch still running on the server (an earlier attempt timed out here).
                                || (key is not null && reply.StatusCode == HttpStatusCode.Conflict);
                if (!retryable || attempt == Attempts) return ((int)reply.StatusCode, text);
                if (reply.Headers.RetryAfter?.Delta is { } wait) delay = wait < TimeSpan.FromSeconds(30) ? wait : TimeSpan.FromSeconds(30);
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                // The server was unreachable for a moment: the same request is tried again below.
            }
            catch (HttpRequestException ex)
            {
                return (0, ex.Message);
            }
            await Task.Delay(delay, ct);
            delay *= 2;
        }
    }
}
