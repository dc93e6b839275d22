using System.Text.Json;

namespace Mem0.Cli;

/// <summary>
/// `mem0 health`: asks the server's /healthz (no key needed) and prints the answer. Exit 0 when it says
/// `"ok": true`, 1 otherwise or when the server does not answer: the container's HEALTHCHECK and scripts use it.
/// </summary>
public static class HealthCommand
{
    public static async Task<int> RunAsync(HttpClient server, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            using var response = await server.GetAsync("/healthz", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            await output.WriteLineAsync(body);
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            await error.WriteLineAsync($"mem0: no health answer from {server.BaseAddress}: {ex.Message}");
            return 1;
        }
    }
}
