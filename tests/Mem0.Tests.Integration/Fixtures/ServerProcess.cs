using System.Diagnostics;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>Runs the built server as its own process, as a user starts it, with only the given variables set.</summary>
public static class ServerProcess
{
    public static async Task<(int Code, string Stderr)> RunUntilExitAsync(Dictionary<string, string> env)
    {
        var start = StartInfo(env, "http://127.0.0.1:0");
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

    /// <summary>
    /// The server on the local profile with Qdrant at 127.0.0.1:<paramref name="qdrantPort"/> (QDRANT_PORT, plain HTTP,
    /// key <paramref name="qdrantApiKey"/>), in a schema of its own that is dropped afterwards, run until it exits:
    /// for the start-up checks that stop it.
    /// </summary>
    public static async Task<(int Code, string Stderr)> RunOnQdrantUntilExitAsync(int qdrantPort, string qdrantApiKey)
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            return await RunUntilExitAsync(new Dictionary<string, string>
            {
                ["MEM0_PROFILE"] = "local", ["MEM0_API_KEY"] = "k-0123456789abcdef0123456789abcdef", ["MEM0_DEFAULT_USER_ID"] = "u",
                ["MEM0_DATABASE_URL"] = TestEnvironment.DatabaseUrl, ["MEM0_DATABASE_SCHEMA"] = schema, ["MEM0_BUS_PREFIX"] = schema,
                ["MEM0_VECTOR_STORE"] = "qdrant", ["QDRANT_HOST"] = "127.0.0.1", ["QDRANT_PORT"] = qdrantPort.ToString(), ["QDRANT_HTTPS"] = "false",
                ["QDRANT_API_KEY"] = qdrantApiKey,
            });
        }
        finally
        {
            await TestEnvironment.DropSchemaAsync(schema);
        }
    }

    /// <summary>
    /// The built server with only <paramref name="env"/> set of the variables it reads: the test runner's own
    /// (RABBITMQ_URL from ops/test.sh, say) are removed so they cannot leak into the process under test.
    /// </summary>
    public static ProcessStartInfo StartInfo(Dictionary<string, string> env, string urls)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", urls])
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
        return start;
    }
}

/// <summary>The built server as a running process on a free loopback port, stopped with a real SIGTERM.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly Task<string> _stdout;

    public Uri Url { get; }

    private RunningServer(Process process, Uri url)
    {
        (_process, Url) = (process, url);
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = process.StandardOutput.ReadToEndAsync();
    }

    public static async Task<RunningServer> StartAsync(Dictionary<string, string> env)
    {
        var port = TestEnvironment.FreePort();
        var start = ServerProcess.StartInfo(env, $"http://127.0.0.1:{port}");
        var server = new RunningServer(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.Url };
        async Task<bool> Healthy()
        {
            // An exited process will never answer; the wait ends and the message says so.
            if (server._process.HasExited) throw new InvalidOperationException($"The server process exited with code {server._process.ExitCode}.");
            try
            {
                return (await http.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
        }
        try
        {
            await Eventually.HoldsAsync(Healthy, TimeSpan.FromSeconds(90), "the server process to become healthy", every: TimeSpan.FromMilliseconds(200));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime does, and waits for the exit code.</summary>
    public async Task<(int Code, string Stdout)> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, await _stdout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
