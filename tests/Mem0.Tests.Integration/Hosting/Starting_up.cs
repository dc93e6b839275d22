using System.Diagnostics;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>Start-up refuses bad configuration with a non-zero exit and the variable's name, before touching anything.</summary>
public sealed class Starting_up
{
    [Theory]
    [InlineData("MEM0_API_KEY")]
    [InlineData("MEM0_DEFAULT_USER_ID")]
    [InlineData("MEM0_DATABASE_URL")]
    public async Task A_missing_required_variable_stops_start_up_naming_it(string missing)
    {
        var env = new Dictionary<string, string>
        {
            ["MEM0_PROFILE"] = "local",
            ["MEM0_API_KEY"] = "k",
            ["MEM0_DEFAULT_USER_ID"] = "u",
            ["MEM0_DATABASE_URL"] = "postgres://nobody:nothing@127.0.0.1:1/none",
        };
        env.Remove(missing);

        var (code, stderr) = await RunServerAsync(env);

        Assert.Equal(2, code);
        Assert.Contains($"{missing} is required", stderr);
    }

    [Fact]
    public async Task Production_defaults_without_local_profile_name_every_missing_part()
    {
        var (code, stderr) = await RunServerAsync(new Dictionary<string, string>
        {
            ["MEM0_API_KEY"] = "k", ["MEM0_DEFAULT_USER_ID"] = "u", ["MEM0_DATABASE_URL"] = "postgres://a:b@127.0.0.1:1/c",
        });

        Assert.Equal(2, code);
        foreach (var variable in new[] { "PUBLIC_BASE_URL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "QDRANT_HOST", "QDRANT_API_KEY" })
        {
            Assert.Contains($"{variable} is required", stderr);
        }
    }

    private static async Task<(int Code, string Stderr)> RunServerAsync(Dictionary<string, string> env)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MEM0_") || k.StartsWith("RABBITMQ") || k.StartsWith("QDRANT") ||
                                                                k.EndsWith("_API_KEY") || k == "PUBLIC_BASE_URL").ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (k, v) in env) start.Environment[k] = v;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
