using System.Text.Json;

namespace Mem0.Cli.Admin;

/// <summary>
/// The client half of the server's long admin operations: sends the request, reports a refusal with its detail, then
/// hands each newline-delimited JSON line to <c>onLine</c> until it returns an exit code.
/// </summary>
public static class AdminStream
{
    public static async Task<int> RunAsync(HttpClient server, HttpRequestMessage request, string what, Func<JsonElement, Task<int?>> onLine,
        string cutShort, TextWriter error, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await server.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"mem0: could not reach the server at {server.BaseAddress}: {ex.Message}");
            return 1;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"mem0: the server refused the {what} ({(int)response.StatusCode}): {ErrorDetail.Of(await response.Content.ReadAsStringAsync(ct))}");
                return 1;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0) continue;
                using var doc = JsonDocument.Parse(line);
                if (await onLine(doc.RootElement) is { } exit) return exit;
            }
            await error.WriteLineAsync($"mem0: the server closed the stream before the {what} finished{cutShort}");
            return 1;
        }
    }
}
