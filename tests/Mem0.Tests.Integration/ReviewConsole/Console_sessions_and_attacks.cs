using System.Net;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mem0.Tests.Integration.ReviewConsole;

/// <summary>
/// The console against the attacks a page on the internet meets: no session without the key, a cookie no script and
/// no other site can use, no action without the antiforgery token, no framing, no open redirect, a forged or stale
/// cookie refused, guessing limited, the key never written into a page, and memories' text never run as markup.
/// </summary>
public sealed class Console_sessions_and_attacks(SharedHost host) : IClassFixture<SharedHost>
{
    private static readonly string[] Pages = ["/ui", "/ui/memories", "/ui/review", "/ui/connectors", "/ui/operations"];

    [Fact]
    public async Task Every_page_needs_the_console_session_and_a_bearer_key_is_not_one()
    {
        await host.ReadyAsync();
        using var visitor = new ConsoleVisitor(host);
        foreach (var page in Pages)
        {
            var (response, _) = await visitor.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/ui/sign-in?return={Uri.EscapeDataString(page)}", response.Headers.Location?.PathAndQuery);
        }
        // The API's key as a bearer token is for scripts; a page another site frames or links cannot carry it.
        using var bearer = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", host.ApiKey);
        using var withKey = await bearer.GetAsync("/ui/memories");
        Assert.Equal(HttpStatusCode.Redirect, withKey.StatusCode);
        Assert.StartsWith("/ui/sign-in", withKey.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Signing_in_sets_a_locked_down_cookie_never_echoes_the_key_and_returns_only_to_the_console()
    {
        await host.ReadyAsync();
        using var visitor = new ConsoleVisitor(host);
        var (signInPage, signInHtml) = await visitor.GetAsync("/ui/sign-in");
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        AssertLockedDown(signInPage);
        Assert.Contains("type=\"password\"", signInHtml);

        const string wrong = "not-the-key-3f9d2c";
        var (refused, refusedHtml) = await visitor.PostAsync("/ui/sign-in", [new("key", wrong)]);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("That is not this server", refusedHtml);
        Assert.DoesNotContain(wrong, refusedHtml);
        Assert.False(visitor.Cookies.ContainsKey("mem0_console"));

        // An attacker's link with a return address elsewhere lands on the console, not on their site.
        var signedIn = await visitor.SignInAsync(host.ApiKey, "https://evil.example/steal");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/ui", signedIn.Headers.Location?.OriginalString);
        var cookie = visitor.SetCookies.Single(c => c.StartsWith("mem0_console=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/ui", cookie);
        Assert.DoesNotContain(host.ApiKey.ToLowerInvariant(), cookie);

        foreach (var page in Pages)
        {
            var (response, html) = await visitor.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            AssertLockedDown(response);
            Assert.DoesNotContain(host.ApiKey, html);
            // Everything the page loads comes from the server itself.
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SignInAsync(host.ApiKey, "//evil.example/x")).StatusCode);
        Assert.Equal("/ui", (await visitor.SignInAsync(host.ApiKey, "/hangfire/recurring")).Headers.Location?.OriginalString);
        Assert.Equal("/ui/review", (await visitor.SignInAsync(host.ApiKey, "/ui/review")).Headers.Location?.OriginalString);

        // Signing out ends the session: the cookie is removed and the pages ask for the key again.
        await visitor.GetAsync("/ui");
        var (signedOut, _) = await visitor.PostAsync("/ui/sign-out", []);
        Assert.Equal("/ui/sign-in", signedOut.Headers.Location?.OriginalString);
        Assert.False(visitor.Cookies.ContainsKey("mem0_console"));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/ui/memories")).Response.StatusCode);
    }

    [Fact]
    public async Task A_post_from_another_site_without_the_antiforgery_token_changes_nothing()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne($"Quentin {Guid.NewGuid():N} trims the hedge in May.", new { metadata = new { review_status = "pending" } });
        using var visitor = new ConsoleVisitor(host);
        await visitor.SignInAsync(host.ApiKey);
        await visitor.GetAsync("/ui/review");
        var approve = new List<KeyValuePair<string, string>> { new("ids", id.ToString()), new("action", "approved") };

        var (forged, _) = await visitor.PostAsync("/ui/review", approve, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (revert, _) = await visitor.PostAsync($"/ui/memories/{id}?handler=delete", [], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, revert.StatusCode);
        var memory = await api.GetJson($"/api/v1/memories/{id}");
        Assert.Equal(HttpStatusCode.OK, memory.Status);
        Assert.Equal("pending", memory.Body.GetProperty("metadata").GetProperty("review_status").GetString());

        // The same form from the console's own page, with its token, does it.
        var (done, _) = await visitor.PostAsync("/ui/review", approve);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("approved", (await api.GetJson($"/api/v1/memories/{id}")).Body.GetProperty("metadata").GetProperty("review_status").GetString());
    }

    [Fact]
    public async Task A_forged_cookie_is_no_session_and_a_rotated_key_ends_every_session()
    {
        await host.ReadyAsync();
        using var forger = new ConsoleVisitor(host);
        forger.Cookies["mem0_console"] = "CfDJ8" + new string('A', 300);
        Assert.Equal(HttpStatusCode.Redirect, (await forger.GetAsync("/ui/memories")).Response.StatusCode);

        // The same store, restarted with another MEM0_API_KEY: the old cookie still decrypts (the key ring is shared)
        // but names the old key, so it is refused.
        await using var rotated = new Mem0Host(host.Schema, null, dropSchemaOnDispose: false);
        await rotated.ReadyAsync();
        using var before = new ConsoleVisitor(host);
        await before.SignInAsync(host.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/ui/memories")).Response.StatusCode);
        using var after = new ConsoleVisitor(rotated);
        after.Cookies["mem0_console"] = before.Cookies["mem0_console"];
        Assert.Equal(HttpStatusCode.Redirect, (await after.GetAsync("/ui/memories")).Response.StatusCode);
        // And the new key signs in on the restarted server.
        Assert.Equal(HttpStatusCode.Redirect, (await after.SignInAsync(rotated.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/ui/memories")).Response.StatusCode);
    }

    [Fact]
    public async Task A_memory_s_text_is_shown_as_text_never_run_as_markup()
    {
        var api = await host.ReadyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var hostile = $"Note {marker}: <script>alert(1)</script><img src=x onerror=alert(2)>";
        var id = await api.AddOne(hostile);
        using var visitor = new ConsoleVisitor(host);
        await visitor.SignInAsync(host.ApiKey);
        foreach (var page in new[] { $"/ui/memories?q={Uri.EscapeDataString("Note " + marker)}&mode=keyword", $"/ui/memories/{id}" })
        {
            var (response, html) = await visitor.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(marker, html);
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;", html);
        }
    }

    [Fact]
    public async Task A_deleted_memory_s_page_keeps_its_history_and_undelete_brings_it_back()
    {
        var api = await host.ReadyAsync();
        var text = $"Rosalind {Guid.NewGuid():N} keeps her bicycle in the cellar.";
        var id = await api.AddOne(text);
        using var visitor = new ConsoleVisitor(host);
        await visitor.SignInAsync(host.ApiKey);
        await visitor.GetAsync($"/ui/memories/{id}");
        var (deleted, _) = await visitor.PostAsync($"/ui/memories/{id}?handler=delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetJson($"/api/v1/memories/{id}")).Status);

        var (page, html) = await visitor.GetAsync($"/ui/memories/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("This memory is deleted", html);
        Assert.Contains(text, html);
        Assert.Contains(">DELETE<", html);
        var (undeleted, _) = await visitor.PostAsync($"/ui/memories/{id}?handler=undelete", []);
        Assert.Equal(HttpStatusCode.Redirect, undeleted.StatusCode);
        Assert.Contains("done=Undeleted", undeleted.Headers.Location?.OriginalString);
        var memory = await api.GetJson($"/api/v1/memories/{id}");
        Assert.Equal(text, memory.Text("memory"));
        var surfaces = (await api.GetJson($"/api/v1/memories/{id}/history")).Body.EnumerateArray().Select(r => r.GetProperty("surface").GetString()!).ToList();
        Assert.Equal(new[] { "rest", "console", "console" }, surfaces);

        // Undeleting what is not deleted is refused on the page, with the API's reason and status.
        var (again, againHtml) = await visitor.PostAsync($"/ui/memories/{id}?handler=undelete", []);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("class=\"alert\"", againHtml);
    }

    [Fact]
    public async Task Bad_input_gets_a_page_that_says_why_not_an_error_500()
    {
        await host.ReadyAsync();
        using var visitor = new ConsoleVisitor(host);
        await visitor.SignInAsync(host.ApiKey);
        var (unknown, unknownHtml) = await visitor.GetAsync($"/ui/memories/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No such memory", unknownHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/ui/memories/not-an-id")).Response.StatusCode);
        var (nul, nulHtml) = await visitor.GetAsync("/ui/memories?q=a%00b");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nul.StatusCode);
        Assert.Contains("NUL", nulHtml);
        var (mode, _) = await visitor.GetAsync("/ui/memories?q=x&mode=telepathy");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mode.StatusCode);
        var (asOf, _) = await visitor.GetAsync("/ui/memories?as_of=yesterday");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asOf.StatusCode);
        var (user, userHtml) = await visitor.GetAsync("/ui/review?user_id=a%00b");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, user.StatusCode);
        Assert.Contains("NUL", userHtml);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/ui/review?days=99999999999&offset=-3")).Response.StatusCode);
        await visitor.GetAsync("/ui/connectors");
        var (grant, grantHtml) = await visitor.PostAsync("/ui/connectors?handler=revoke", [new("grant", "nonexistent")]);
        Assert.True(grant.StatusCode == HttpStatusCode.NotFound, grantHtml);
        var (nulGrant, _) = await visitor.PostAsync("/ui/connectors?handler=revoke", [new("grant", "a\0b")]);
        Assert.InRange((int)nulGrant.StatusCode, 400, 499);
        await visitor.GetAsync("/ui/review");
        var (empty, emptyHtml) = await visitor.PostAsync("/ui/review", [new("action", "approved")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Tick the memories", emptyHtml);
        var (many, manyHtml) = await visitor.PostAsync("/ui/review",
            Enumerable.Range(0, 101).Select(_ => new KeyValuePair<string, string>("ids", Guid.NewGuid().ToString())).Append(new("action", "stale")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, many.StatusCode);
        Assert.Contains("at most 100", manyHtml);
        // A form far past any page's (5,000 fields) is refused before it is bound, not a 500.
        var (flood, _) = await visitor.PostAsync("/ui/review",
            Enumerable.Range(0, 5000).Select(_ => new KeyValuePair<string, string>("ids", Guid.NewGuid().ToString())).Append(new("action", "stale")));
        Assert.InRange((int)flood.StatusCode, 400, 499);
    }

    private static void AssertLockedDown(HttpResponseMessage response)
    {
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }
}
