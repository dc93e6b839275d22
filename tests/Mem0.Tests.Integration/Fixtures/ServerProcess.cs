using System.Diagnostics;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>Runs the built server as its own process, as a user starts it, with only the given variables set.</summary>
public static class ServerProcess
{
    public static async Task<(int Code, string Stderr)> RunUntilExitAsync(Dictionary<string, string> env)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MEM0_") || k.StartsWith("RABBITMQ") || k.StartsWith("QDRANT") ||
                                                                k.StartsWith("OPENAI_") || k.StartsWith("ANTHROPIC_") || k.StartsWith("OLLAMA_") ||
                                                                k == "PUBLIC_BASE_URL").ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (k, v) in env) start.Environment[k] = v;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server did not exit. stderr: {await stderr}");
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
