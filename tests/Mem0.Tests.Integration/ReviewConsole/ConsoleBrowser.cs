using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Mem0.Tests.Integration.ReviewConsole;

/// <summary>
/// Debian's chromium, headless, driven by Playwright, reaching the rehearsal's public name over https through nginx
/// (the name mapped to 127.0.0.1 inside the browser only). Every console message of level error and every uncaught
/// page error is kept, so a test can say its pages were clean; screenshots go to MEM0_TEST_ARTIFACTS.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _test;
    private int _shots;

    public IPage Page { get; }
    public List<string> Errors { get; } = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IPage page, string test)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _test = test;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Errors.Add($"{page.Url}: console error: {message.Text}");
        };
        page.PageError += (_, error) => Errors.Add($"{page.Url}: page error: {error}");
        // The console's confirmations ("Revoke …?") are accepted, as the owner would.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
    }

    public static string ArtifactsFolder =>
        Environment.GetEnvironmentVariable("MEM0_TEST_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static async Task<ConsoleBrowser> LaunchAsync(Uri url, string host, int width = 1280, int height = 860, [CallerMemberName] string test = "")
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            // As the machine's own probe starts it: no sandbox as root, and none of the background traffic this closed
            // network refuses.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--host-resolver-rules=MAP {host} 127.0.0.1",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url.AbsoluteUri.TrimEnd('/'),
            // The rehearsal's certificate is signed by a CA of its own; the browser is not given it.
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return new ConsoleBrowser(playwright, browser, await context.NewPageAsync(), test);
    }

    /// <summary>Signs in on the page the console sent the browser to, and waits to be let through.</summary>
    public async Task SignInAsync(string key)
    {
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(u => !u.Contains("/ui/sign-in", StringComparison.Ordinal));
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var path = Path.Combine(ArtifactsFolder, $"{_test}-{++_shots:00}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public void AssertNoConsoleErrors() => Assert.True(Errors.Count == 0, string.Join("\n", Errors));

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
