using Mem0.Cli;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>`mem0 smoke` against the real host: every REST and MCP step passes, and it leaves nothing behind.</summary>
public sealed class Smoke_check(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task Mem0_smoke_passes_against_the_server_and_cleans_up()
    {
        var api = await host.ReadyAsync();
        var before = (await api.ListIds()).Count;
        var output = new StringWriter();

        var exit = await SmokeCommand.RunAsync(api, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("smoke: every check passed", output.ToString());
        Assert.Equal(6, output.ToString().Split('\n').Count(l => l.StartsWith('✓')));
        Assert.Equal(before, (await api.ListIds()).Count);
    }

    [Fact]
    public async Task Mem0_smoke_fails_with_exit_1_when_the_key_is_wrong()
    {
        await host.ReadyAsync();
        using var wrong = host.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-key");
        var output = new StringWriter();

        Assert.Equal(1, await SmokeCommand.RunAsync(wrong, output, CancellationToken.None));
        Assert.Contains("✗ REST add", output.ToString());
    }
}
