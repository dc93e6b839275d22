using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Operations;

/// <summary>
/// The jobs dashboard as an attacker's page would meet it: never framed, its sign-in a same-site cookie, and no
/// action without the antiforgery token only its own pages carry, even when the browser would resend Basic auth.
/// </summary>
public sealed partial class Jobs_dashboard
{
    private const string Job = "rebuild-index";

    private static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("owner:" + key)));

    private static bool JobExists(Mem0Host host)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Any(j => j.Id == Job);
    }

    private static HttpRequestMessage Remove(string? cookies, AuthenticationHeaderValue? auth, (string Header, string Token)? antiforgery)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", Job)]),
        };
        // A form post from another site: its Origin, the browser's Basic credentials, and whatever cookies it may send.
        request.Headers.Add("Origin", "https://evil.example");
        if (auth is not null) request.Headers.Authorization = auth;
        if (cookies is not null) request.Headers.Add("Cookie", cookies);
        if (antiforgery is { } af) request.Headers.Add(af.Header, af.Token);
        return request;
    }

    [Fact]
    public async Task Sign_in_is_a_same_site_cookie_pages_are_never_framed_and_actions_need_the_antiforgery_token()
    {
        await using var host = new Mem0Host(null, null);
        await host.ReadyAsync();
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

        using var challenge = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.StartsWith("Basic realm=", challenge.Headers.WwwAuthenticate.Single().ToString());

        using var page = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        page.Headers.Authorization = Basic(host.ApiKey);
        using var signedIn = await browser.SendAsync(page);
        var html = await signedIn.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("DENY", signedIn.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", signedIn.Headers.GetValues("Content-Security-Policy").Single());
        var setCookies = signedIn.Headers.GetValues("Set-Cookie").ToList();
        var session = Assert.Single(setCookies, c => c.StartsWith("mem0_dashboard="));
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        var cookies = string.Join("; ", setCookies.Select(c => c.Split(';')[0]));
        var antiforgery = (AntiforgeryHeader().Match(html).Groups[1].Value, AntiforgeryToken().Match(html).Groups[1].Value);
        Assert.NotEqual("", antiforgery.Item2);

        // Basic credentials alone, as a browser resends them on a cross-site form post: no action.
        using (var ridden = await browser.SendAsync(Remove(null, Basic(host.ApiKey), null))) Assert.Equal(HttpStatusCode.Unauthorized, ridden.StatusCode);
        // Even the session cookie (which SameSite=Strict keeps off cross-site posts) without the page's token: no action.
        using (var noToken = await browser.SendAsync(Remove(cookies, Basic(host.ApiKey), null))) Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.True(JobExists(host));

        // The dashboard's own page posts with both, and the action runs.
        using var own = await browser.SendAsync(Remove(cookies, null, antiforgery));
        Assert.True(own.IsSuccessStatusCode, own.StatusCode.ToString());
        Assert.False(JobExists(host));
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
