namespace Mem0.Cli.Admin;

/// <summary>
/// `mem0 admin rebuild-index`: asks the server to rebuild its vector index by replay and prints the progress it
/// streams, a line at a time, then the summary. Exit 0 when the rebuild finished, 1 when it failed or the server
/// refused (the reason is printed), so scripts and schedulers can act on it.
/// </summary>
public static class RebuildIndexCommand
{
    public static async Task<int> RunAsync(HttpClient server, TextWriter output, TextWriter error, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/rebuild-index");
        return await AdminStream.RunAsync(server, request, "rebuild", async p =>
        {
            switch (p.GetProperty("phase").GetString())
            {
                case "replay":
                    await output.WriteLineAsync($"replaying: {p.GetProperty("events").GetInt64():N0} events, {p.GetProperty("memories").GetInt64():N0} memories ({p.GetProperty("seconds").GetDouble():F1} s)");
                    return null;
                case "index":
                    await output.WriteLineAsync($"indexing: {p.GetProperty("indexed").GetInt64():N0} of {p.GetProperty("memories").GetInt64():N0} memories ({p.GetProperty("seconds").GetDouble():F1} s)");
                    return null;
                case "done":
                    await output.WriteLineAsync($"done: {p.GetProperty("memories").GetInt64():N0} memories from {p.GetProperty("events").GetInt64():N0} events in {p.GetProperty("seconds").GetDouble():F1} s ({p.GetProperty("memories_per_second").GetDouble():N0} memories/s); the new index is live");
                    return 0;
                case "failed":
                    await error.WriteLineAsync($"mem0: the rebuild failed: {p.GetProperty("detail").GetString()} (request {p.GetProperty("request_id").GetString()})");
                    return 1;
                default:
                    return null;
            }
        }, "; the live index is unchanged unless the server's log says otherwise.", error, ct);
    }
}
