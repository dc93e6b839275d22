using Mem0.Tests.Integration.Fixtures;

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
            ["MEM0_API_KEY"] = "k-0123456789abcdef0123456789abcdef",
            ["MEM0_DEFAULT_USER_ID"] = "u",
            ["MEM0_DATABASE_URL"] = "postgres://nobody:nothing@127.0.0.1:1/none",
        };
        env.Remove(missing);

        var (code, stderr) = await ServerProcess.RunUntilExitAsync(env);

        Assert.Equal(2, code);
        Assert.Contains($"{missing} is required", stderr);
    }

    [Fact]
    public async Task A_short_api_key_stops_start_up_naming_the_variable_and_how_to_make_one_without_echoing_it()
    {
        var (code, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["MEM0_PROFILE"] = "local", ["MEM0_API_KEY"] = "abc-short-key", ["MEM0_DEFAULT_USER_ID"] = "u",
            ["MEM0_DATABASE_URL"] = "postgres://nobody:nothing@127.0.0.1:1/none",
        });

        Assert.Equal(2, code);
        Assert.Contains("MEM0_API_KEY must be at least 32 characters (it has 13)", stderr);
        Assert.Contains("openssl rand -hex 32", stderr);
        Assert.DoesNotContain("abc-short-key", stderr);
    }

    [Fact]
    public async Task An_unreachable_database_stops_start_up_naming_the_variable_without_the_password()
    {
        var (code, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["MEM0_PROFILE"] = "local", ["MEM0_API_KEY"] = "k-0123456789abcdef0123456789abcdef", ["MEM0_DEFAULT_USER_ID"] = "u",
            ["MEM0_DATABASE_URL"] = "postgres://mem0:hunter2secret@127.0.0.1:1/mem0",
        });

        Assert.Equal(2, code);
        Assert.Contains("mem0: not starting: cannot use the PostgreSQL event store (check MEM0_DATABASE_URL)", stderr);
        Assert.DoesNotContain("hunter2secret", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }

    [Fact]
    public async Task Production_defaults_without_local_profile_name_every_missing_part()
    {
        var (code, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["MEM0_API_KEY"] = "k-0123456789abcdef0123456789abcdef", ["MEM0_DEFAULT_USER_ID"] = "u", ["MEM0_DATABASE_URL"] = "postgres://a:b@127.0.0.1:1/c",
        });

        Assert.Equal(2, code);
        foreach (var variable in new[] { "PUBLIC_BASE_URL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "QDRANT_HOST", "QDRANT_API_KEY" })
        {
            Assert.Contains($"{variable} is required", stderr);
        }
    }

    [Fact]
    public async Task An_unreachable_qdrant_stops_start_up_with_one_line_that_names_it_and_not_its_key()
    {
        var (code, stderr) = await ServerProcess.RunOnQdrantUntilExitAsync(1, "qdrant-secret-9d2f");

        Assert.Equal(2, code);
        Assert.Contains("mem0: not starting: Qdrant at 127.0.0.1:1 (gRPC) did not answer: Unavailable", stderr);
        Assert.DoesNotContain("qdrant-secret-9d2f", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }
}
