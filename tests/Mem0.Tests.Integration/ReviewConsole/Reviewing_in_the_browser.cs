using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mem0.Tests.Integration.Field;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.OAuth;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mem0.Tests.Integration.ReviewConsole;

/// <summary>
/// The review console as its owner uses it: Debian's chromium over https through nginx to two api replicas (so the
/// session cookie and the antiforgery tokens must hold across processes), every step checked in the page and then
/// through the REST API, a screenshot of each page kept, and no page may log a console error.
/// </summary>
[Trait("Category", "Field")]
[Collection(FieldCollection.Name)]
public sealed class Reviewing_in_the_browser(FieldTopology field)
{
    private static string Marker() => Guid.NewGuid().ToString("N")[..6];

    [BrowserFact]
    public async Task The_owner_signs_in_finds_a_memory_by_search_opens_its_history_and_reverts_it()
    {
        using var api = field.Client("127.0.0.20");
        var marker = Marker();
        var first = $"Ingrid {marker} moors her sailboat in Bergen harbour.";
        var second = $"Ingrid {marker} moors her sailboat in Alesund harbour.";
        var id = await api.AddOne(first);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJson($"/api/v1/memories/{id}", new { content = second })).Status);

        await using var browser = await ConsoleBrowser.LaunchAsync(field.Url, field.Host);
        var page = browser.Page;
        await page.GotoAsync("/ui/memories");
        // Not signed in: the sign-in page, which brings the owner back where they were going.
        Assert.Contains("/ui/sign-in?return=%2Fui%2Fmemories", page.Url);
        await browser.ScreenshotAsync("sign-in");
        await browser.SignInAsync(field.ApiKey);
        Assert.EndsWith("/ui/memories", page.Url);
        // Behind the TLS proxy the session cookie is Secure too (the forwarded scheme is https).
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "mem0_console");
        Assert.True(session.Secure && session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/ui", session.Path);

        await page.GetByRole(AriaRole.Searchbox).FillAsync($"where does Ingrid {marker} keep her sailboat?");
        await page.Keyboard.PressAsync("Enter");
        var result = page.GetByRole(AriaRole.Link, new() { Name = second });
        await Expect(result).ToBeVisibleAsync();
        // The search's stages, as Server-Timing tells a script.
        await Expect(page.Locator(".timing .stage").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("search");

        await result.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(second);
        await Expect(page.Locator(".timeline > li")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("history");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revert to version 1" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Reverted to the text of version 1.");
        await Expect(page.Locator("h1")).ToHaveTextAsync(first);
        await Expect(page.Locator(".timeline > li")).ToHaveCountAsync(3);
        await browser.ScreenshotAsync("reverted");

        var memory = await api.GetJson($"/api/v1/memories/{id}");
        Assert.Equal(first, memory.Text("memory"));
        var history = (await api.GetJson($"/api/v1/memories/{id}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal(1, history[2].GetProperty("reverted_to").GetInt64());
        Assert.Equal("console", history[2].GetProperty("surface").GetString());
        browser.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task The_owner_approves_two_pending_memories_at_once_and_revokes_a_connector_s_grant()
    {
        using var api = field.Client("127.0.0.21");
        var marker = Marker();
        var texts = new[] { $"Oskar {marker} keeps bees on the allotment.", $"Oskar {marker} sells honey in October.", $"Oskar {marker} wears a blue veil." };
        var ids = new List<Guid>();
        foreach (var text in texts) ids.Add(await api.AddOne(text, new { metadata = new { review_status = "pending" } }));

        // A connector, connected as Claude.ai does it, whose token works until its grant is revoked.
        var resource = new Uri(field.Url, "/mcp").AbsoluteUri;
        var connector = new OAuthFlow(field.Client("127.0.0.22", withKey: false), resource);
        var clientId = await connector.RegisterAsync();
        using var consent = await connector.ConsentAsync(connector.AuthorizeQuery(clientId), field.ApiKey);
        var tokens = await connector.ExchangeCodeAsync(clientId, OAuthFlow.CallbackParameters(consent)["code"]);
        Assert.True(tokens.Status == HttpStatusCode.OK, tokens.Body.ToString());
        using var asConnector = field.Client("127.0.0.22", withKey: false);
        asConnector.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Text("access_token"));
        Assert.Equal(HttpStatusCode.OK, (await asConnector.GetJson("/api/v1/memories?limit=1")).Status);

        await using var browser = await ConsoleBrowser.LaunchAsync(field.Url, field.Host);
        var page = browser.Page;
        await page.GotoAsync("/ui/review");
        await browser.SignInAsync(field.ApiKey);
        await Expect(page.GetByLabel($"Pick: {texts[0]}")).ToBeVisibleAsync();
        await page.GetByLabel($"Pick: {texts[0]}").CheckAsync();
        await page.GetByLabel($"Pick: {texts[1]}").CheckAsync();
        await browser.ScreenshotAsync("review-queue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("2 memories approved.");
        await Expect(page.GetByLabel($"Pick: {texts[0]}")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel($"Pick: {texts[2]}")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("approved");
        foreach (var (memoryId, expected) in new[] { (ids[0], "approved"), (ids[1], "approved"), (ids[2], "pending") })
        {
            var metadata = (await api.GetJson($"/api/v1/memories/{memoryId}")).Body.GetProperty("metadata");
            Assert.Equal(expected, metadata.GetProperty("review_status").GetString());
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Connectors" }).ClickAsync();
        var revoke = page.GetByRole(AriaRole.Button, new() { Name = "Revoke Claude" });
        await Expect(revoke.First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("connectors");
        var grants = (await api.GetJson("/api/v1/oauth/grants")).Body.EnumerateArray().Select(g => g.GetProperty("id").GetString()).ToHashSet();
        await revoke.First.ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Revoked");
        var left = (await api.GetJson("/api/v1/oauth/grants")).Body.EnumerateArray().Select(g => g.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(grants.Count - 1, left.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asConnector.GetJson("/api/v1/memories?limit=1")).Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        await Expect(page.Locator("h2#health .badge")).ToHaveTextAsync("healthy");
        // "Back up now" is queued for the scheduler, another process; the page lists the backup once it is written.
        var backups = page.Locator("section[aria-labelledby=backups] tbody tr");
        var before = await backups.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Back up now" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Backup queued");
        for (var i = 0; i < 60 && await backups.CountAsync() <= before; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await page.ReloadAsync();
        }
        Assert.True(await backups.CountAsync() > before, "the queued backup never appeared in BACKUP_DIR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the list" }).ClickAsync();
        await Expect(page.Locator(".digest pre")).ToContainTextAsync(texts[0]);
        await browser.ScreenshotAsync("operations");

        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        Assert.True(await page.Locator(".chart rect").CountAsync() > 0);
        await Expect(page.Locator(".legend").First).ToContainTextAsync("rest");
        await browser.ScreenshotAsync("overview");
        browser.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Every_page_passes_axe_s_accessibility_rules_at_serious_and_critical()
    {
        using var api = field.Client("127.0.0.24");
        var id = await api.AddOne($"Greta {Marker()} volunteers at the lifeboat station.", new { metadata = new { review_status = "pending" } });
        await using var browser = await ConsoleBrowser.LaunchAsync(field.Url, field.Host);
        var page = browser.Page;
        await page.GotoAsync("/ui/sign-in");
        var problems = new List<string>();
        async Task CheckAsync(string name)
        {
            var result = await page.RunAxe();
            // axe ran its rules on this page (a check that checked nothing would pass as well).
            Assert.True(result.Passes.Length > 10, $"{name}: axe passed only {result.Passes.Length} rules");
            Console.WriteLine($"axe {name}: {result.Passes.Length} rules passed, violations: " +
                string.Join(", ", result.Violations.Select(v => $"{v.Id} ({v.Impact})")));
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Id} ({v.Impact}): {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
        await CheckAsync("sign-in");
        await browser.SignInAsync(field.ApiKey);
        foreach (var path in new[] { "/ui", "/ui/memories", "/ui/memories?q=lifeboat", $"/ui/memories/{id}", "/ui/review", "/ui/connectors", "/ui/operations?digest=plain" })
        {
            await page.GotoAsync(path);
            await CheckAsync(path);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        browser.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task On_a_phone_the_pages_fit_the_screen_and_the_keyboard_reaches_search()
    {
        using var api = field.Client("127.0.0.23");
        await api.AddOne($"Petra {Marker()} reads the tide tables before every swim.");
        await using var browser = await ConsoleBrowser.LaunchAsync(field.Url, field.Host, width: 390, height: 844);
        var page = browser.Page;
        await page.GotoAsync("/ui");
        await browser.SignInAsync(field.ApiKey);
        foreach (var path in new[] { "/ui", "/ui/memories", "/ui/review", "/ui/connectors", "/ui/operations" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a phone's screen");
        }
        await page.GotoAsync("/ui/memories");
        // "/" focuses the search box from anywhere on the page.
        await page.Locator("body").PressAsync("/");
        Assert.Equal("q", await page.EvaluateAsync<string>("() => document.activeElement?.getAttribute('name') ?? ''"));
        await page.Keyboard.TypeAsync("tide tables");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("table.memories")).ToContainTextAsync("tide tables");
        // Rows become cards on a phone: a memory's text gets the screen's width, not a squeezed column.
        var text = await page.Locator("table.memories tbody td a").First.BoundingBoxAsync();
        Assert.True(text is { Width: > 200 }, $"the memory's text is {text?.Width} px wide on a 390 px screen");
        await browser.ScreenshotAsync("phone-search");
        browser.AssertNoConsoleErrors();
    }
}
