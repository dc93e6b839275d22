using System.Net;
using System.Text;
using Mem0.Api.Auth.OAuth;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;

namespace Mem0.Tests.Integration.OAuth;

/// <summary>
/// `/oauth/register` is open to anyone, so one registration stores little, its refusals log lengths rather than
/// what was sent, and registrations that never connect (or stop connecting) do not pile up.
/// </summary>
public sealed class Registering_within_bounds
{
    private const string ChatGpt = "https://chatgpt.com/connector/oauth/";

    [Fact]
    public async Task Oversized_registrations_are_refused_and_logged_by_length()
    {
        await using var host = new Mem0Host(null, OAuthFlow.Settings());
        await host.ReadyAsync();
        var http = OAuthFlow.For(host).Http;
        var longUri = ChatGpt + new string('a', 2_100);

        var many = await http.PostJson("/oauth/register", new { redirect_uris = Enumerable.Range(0, 11).Select(i => ChatGpt + i).ToArray(), token_endpoint_auth_method = "none" });
        var tooLong = await http.PostJson("/oauth/register", new { redirect_uris = new[] { longUri }, token_endpoint_auth_method = "none" });
        var longName = await http.PostJson("/oauth/register", new { client_name = new string('n', 201), redirect_uris = new[] { OAuthFlow.ClaudeCallback }, token_endpoint_auth_method = "none" });
        using var hugeBody = new StringContent("{\"redirect_uris\":[\"" + OAuthFlow.ClaudeCallback + "\"],\"pad\":\"" + new string('p', 17_000) + "\"}", Encoding.UTF8, "application/json");
        var huge = await http.Send(HttpMethod.Post, "/oauth/register", hugeBody);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_redirect_uri"), (many.Status, many.Text("error")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_redirect_uri"), (tooLong.Status, tooLong.Text("error")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (longName.Status, longName.Text("error")));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "invalid_client_metadata"), (huge.Status, huge.Text("error")));
        Assert.Contains(host.Logs.Lines, l => l.Contains("dcr_refused: 1 redirect URIs, the longest 2136 characters"));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(new string('a', 100)) || l.Contains(new string('p', 100)) || l.Contains(new string('n', 100)));
        Assert.Equal(201, (int)(await http.PostJson("/oauth/register", new { client_name = new string('n', 200), redirect_uris = new[] { OAuthFlow.ClaudeCallback }, token_endpoint_auth_method = "none" })).Status);
    }

    [Fact]
    public async Task A_registration_that_never_connects_goes_after_a_day_and_an_unused_one_after_90_days()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = new Mem0Host(null, OAuthFlow.Settings(), clock: clock);
        await host.ReadyAsync();
        var flow = OAuthFlow.For(host);
        var abandoned = await flow.RegisterAsync();
        var (connected, _, _) = await flow.ConnectAsync(host.ApiKey);
        var pruning = host.Services.GetServices<IHostedService>().OfType<TokenPruning>().Single();
        async Task<bool> Exists(string clientId)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(clientId) is not null;
        }

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await pruning.RunOnceAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await pruning.RunOnceAsync(CancellationToken.None));
        Assert.False(await Exists(abandoned));
        Assert.True(await Exists(connected));

        clock.Advance(TimeSpan.FromDays(90));
        Assert.Equal(1, await pruning.RunOnceAsync(CancellationToken.None));
        Assert.False(await Exists(connected));
    }
}
