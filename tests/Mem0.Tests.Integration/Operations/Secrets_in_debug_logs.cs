using System.Net;
using Mem0.Scheduler.Digest;
using Mem0.Tests.Integration.Digest;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.OAuth;
using Mem0.Tests.Integration.Pipeline;
using Mem0.Tests.Integration.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Operations;

/// <summary>
/// At LOG_LEVEL=DEBUG every part talks (ASP.NET Core, HttpClient, OpenIddict, MassTransit, Marten), and still no
/// line, with its structured values and scopes, holds a secret: the API key, a provider key, an OAuth code, an access
/// or refresh token, or a webhook URL's path (Slack's and Discord's paths are their credentials).
/// </summary>
public sealed class Secrets_in_debug_logs
{
    [Fact]
    public async Task A_debug_run_logs_no_key_token_code_webhook_path_or_provider_key()
    {
        using var anthropic = new AnthropicStandIn();
        using var openAi = new OpenAiStandIn();
        using var hook = new WebhookReceiver("/services/T0SECRET/B0SECRET/hookpathsecret123", 200);
        var settings = AnthropicWithOpenAiEmbeddings.SettingsFor(anthropic, openAi);
        settings["LOG_LEVEL"] = "DEBUG";
        settings["DIGEST_WEBHOOK_URL"] = hook.Url;
        await using var host = new Mem0Host(null, OAuthFlow.Settings(settings));
        var api = await host.ReadyAsync();

        anthropic.Script(ModelScripts.Facts("Magda waters the ferns on Thursdays"));
        await api.AddOne("Magda waters the ferns on Thursdays.");
        Assert.NotEmpty(await api.SearchTexts("ferns"));
        var flow = OAuthFlow.For(host);
        var clientId = await flow.RegisterAsync();
        var code = await flow.CodeAsync(clientId, host.ApiKey);
        var tokens = await flow.ExchangeCodeAsync(clientId, code);
        var refreshed = await flow.RefreshAsync(clientId, tokens.Text("refresh_token"));
        using (var call = await flow.ToolCallAsync(refreshed.Text("access_token"), "search_memories", new { query = "ferns" }))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }
        Assert.Equal(DigestOutcome.Sent, await host.Services.GetRequiredService<DigestRunner>().RunAsync(CancellationToken.None));
        Assert.Single(hook.Posts);

        var lines = host.Logs.Lines.ToList();
        // The run did log at DEBUG, HttpClient included: otherwise this check would prove nothing. (OpenIddict is held at
        // Warning whatever LOG_LEVEL says: it logs each OAuth request with its parameters below that.)
        Assert.Contains(lines, l => l.EndsWith("level=Debug"));
        Assert.Contains(lines, l => l.StartsWith("Mem0.Api.Observability.HostOnlyHttpLogger") && l.Contains("HTTP POST http://localhost"));
        var secrets = new Dictionary<string, string>
        {
            ["MEM0_API_KEY"] = host.ApiKey,
            ["ANTHROPIC_API_KEY"] = ProviderStack.AnthropicKey,
            ["OPENAI_API_KEY"] = ProviderStack.OpenAiKey,
            ["the OAuth code"] = code,
            ["an access token"] = tokens.Text("access_token"),
            ["a refresh token"] = tokens.Text("refresh_token"),
            ["a refreshed access token"] = refreshed.Text("access_token"),
            ["a refreshed refresh token"] = refreshed.Text("refresh_token"),
            ["the webhook path"] = "hookpathsecret123",
        };
        foreach (var (what, secret) in secrets)
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"{what} is in a log line: {leak}");
        }
    }
}
