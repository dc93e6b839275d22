using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mem0.Cli.Import;

/// <param name="Interactive">Output is a terminal: the progress bar redraws in place instead of printing lines.</param>
public sealed record ImportOptions(string? Source = null, int? Limit = null, bool DryRun = false, int Concurrency = 4, bool Interactive = false);

/// <summary>
/// `mem0 import chatgpt|obsidian|readwise PATH`: reads the whole export first (a malformed one fails naming the
/// file and position, and nothing is sent), then posts one add per item with `agent_id=import:<source>`, a few
/// at a time, retrying 429 and 5xx with backoff (honouring Retry-After). Progress and a summary show added,
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

        int added = 0, deduplicated = 0, failed = 0, done = 0;
        var gate = new SemaphoreSlim(1, 1);
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = ct },
            async (item, token) =>
            {
                var (outcome, problem) = await SendAsync(server, item.ToBody(agentId), token);
                await gate.WaitAsync(token);
                try
                {
                    switch (outcome)
                    {
                        case "added": added++; break;
                        case "deduplicated": deduplicated++; break;
                        default:
                            failed++;
                            await error.WriteLineAsync($"mem0: {item.Label} failed: {problem}");
                            break;
                    }
                    done++;
                    var line = $"{Bar(done, items.Count)} {done}/{items.Count}  added {added}, deduplicated {deduplicated}, failed {failed}";
                    if (options.Interactive) await output.WriteAsync("\r" + line + (done == items.Count ? "\n" : ""));
                    else if (done % 25 == 0 || done == items.Count) await output.WriteLineAsync(line);
                }
                finally { gate.Release(); }
            });
        await output.WriteLineAsync($"import {format} from {path}: {items.Count} item(s): added {added}, deduplicated {deduplicated}, failed {failed}");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(string Outcome, string? Problem)> SendAsync(HttpClient server, object body, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var reply = await server.PostAsJsonAsync("/api/v1/memories", body, ct);
                var text = await reply.Content.ReadAsStringAsync(ct);
                if (reply.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(text);
                    var dedup = doc.RootElement.TryGetProperty("deduplicated", out var d) && d.GetBoolean();
                    // An add that stored nothing new is a duplicate too, only found after extraction.
                    return (dedup || doc.RootElement.GetProperty("results").GetArrayLength() == 0 ? "deduplicated" : "added", null);
                }
                var retryable = reply.StatusCode == HttpStatusCode.TooManyRequests || (int)reply.StatusCode >= 500;
                if (!retryable || attempt == Attempts) return ("failed", $"{(int)reply.StatusCode} {ErrorDetail.Of(text)}");
                if (reply.Headers.RetryAfter?.Delta is { } wait) delay = wait < TimeSpan.FromSeconds(30) ? wait : TimeSpan.FromSeconds(30);
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                // The server was unreachable for a moment: the same add is tried again below.
            }
            catch (HttpRequestException ex)
            {
                return ("failed", ex.Message);
            }
            await Task.Delay(delay, ct);
            delay *= 2;
        }
    }

    private static string Bar(int done, int total)
    {
        const int width = 24;
        var filled = total == 0 ? width : done * width / total;
        return "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }
}
