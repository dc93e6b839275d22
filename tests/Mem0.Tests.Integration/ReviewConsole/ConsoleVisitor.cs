using System.Net;
using System.Text.RegularExpressions;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mem0.Tests.Integration.ReviewConsole;

/// <summary>
/// A browser as the lab sees it: plain requests to the console with the cookies it was given (kept by hand, so a test
/// can read every Set-Cookie and forge or drop any cookie), the antiforgery token read from the page it last got.
/// </summary>
public sealed partial class ConsoleVisitor(Mem0Host host) : IDisposable
{
    private readonly HttpClient _http = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    public Dictionary<string, string> Cookies { get; } = [];
    public List<string> SetCookies { get; } = [];
    public string? Token { get; private set; }

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form as the console's pages do; <paramref name="withToken"/> false is another site's form.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, bool withToken = true)
    {
        var fields = withToken && Token is not null ? form.Append(new("__RequestVerificationToken", Token)) : form;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (!withToken) request.Headers.Add("Origin", "https://evil.example");
        var response = await SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in with <paramref name="key"/> from the sign-in page, as the form does.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, string? returnTo = null)
    {
        await GetAsync("/ui/sign-in");
        var (response, _) = await PostAsync("/ui/sign-in", [new("key", key), new("return", returnTo ?? "")]);
        return response;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                SetCookies.Add(header);
                var pair = header.Split(';', 2)[0].Split('=', 2);
                if (pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Cookies.Remove(pair[0]);
                else Cookies[pair[0]] = pair[1];
            }
        }
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var html = await response.Content.ReadAsStringAsync();
            if (TokenField().Match(html) is { Success: true } match) Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => _http.Dispose();
}
