using System.Net;
using System.Text.RegularExpressions;

namespace Mem0.Bench;

/// <summary>
/// The review console's pages as a browser loads them: signed in once with the key through the sign-in form (the
/// session cookie and antiforgery token kept), then each page fetched whole, HTML only (its stylesheet and script are
/// one cached request each). What a person waits for before the page can paint.
/// </summary>
public static partial class ConsolePages
{
    public static async Task RunAsync(BenchOptions options, string? user, IReadOnlyList<Guid> someIds, IReadOnlyList<string> questions)
    {
        var handler = ClientHandler.For(options);
        handler.UseCookies = true;
        handler.CookieContainer = new CookieContainer();
        handler.AllowAutoRedirect = false;
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        var signIn = await browser.GetStringAsync("/ui/sign-in");
        var token = WebUtility.HtmlDecode(Token().Match(signIn).Groups[1].Value);
        using var signedIn = await browser.PostAsync("/ui/sign-in", new FormUrlEncodedContent(
            [new("key", options.ApiKey), new("return", "/ui"), new("__RequestVerificationToken", token)]));
        if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"console sign-in: {(int)signedIn.StatusCode}");

        var runner = new Runner(browser);
        var userQuery = user is null ? "" : $"user_id={user}";
        await runner.Time("console: overview (counts, chart of 30 days)", options, _ => browser.GetAsync("/ui"));
        await runner.Time("console: memories (list page of 50)", options, i => browser.GetAsync($"/ui/memories?{userQuery}&offset={i % 5 * 50}"));
        await runner.Time("console: search page (semantic, 25 results)", options, i => browser.GetAsync(
            $"/ui/memories?q={Uri.EscapeDataString(questions[i % questions.Count])}&{userQuery}"));
        await runner.Time("console: memory page (history, source)", options, i => browser.GetAsync($"/ui/memories/{someIds[i % someIds.Count]}"));
        await runner.Time("console: review queue (100 rows)", options, _ => browser.GetAsync("/ui/review"));
        await runner.Time("console: operations (health, backups, jobs)", options, _ => browser.GetAsync("/ui/operations"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
