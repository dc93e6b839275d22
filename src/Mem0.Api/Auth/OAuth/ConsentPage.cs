using System.Net;
using System.Text;
using OpenIddict.Abstractions;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// The one page a person sees: which client asks, where it will be sent back, and a field for MEM0_API_KEY, the
/// owner's proof. The authorization request rides along as hidden fields so the POST is a complete request again.
/// The page is never framed (clickjacking) and never cached.
/// </summary>
public static class ConsentPage
{
    public const string KeyField = "mem0_api_key";

    /// <summary>Checked by default (connectors save memories); unchecked, the grant is read-only.</summary>
    public const string WriteField = "mem0_allow_write";

    public static IResult Render(OpenIddictRequest request, string clientName, string? error, int status)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is KeyField or WriteField) continue;
            foreach (var item in Values(value))
            {
                hidden.Append($"""<input type="hidden" name="{E(name)}" value="{E(item)}">""").Append('\n');
            }
        }
        var errorBlock = error is null ? "" : $"""<p class="error" role="alert">{E(error)}</p>""";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Authorize {{E(clientName)}} — mem0</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
              input[type=password] { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
              button { margin-top: 1rem; padding: .5rem 1.5rem; font-size: 1rem; }
              .error { color: #b00020; }
              .muted { color: #666; font-size: .9rem; word-break: break-all; }
            </style>
            </head>
            <body>
            <h1>Connect to your memory</h1>
            <p><strong>{{E(clientName)}}</strong> asks to use the memories on this mem0 server.</p>
            <p class="muted">It will be sent back to {{E(request.RedirectUri ?? "")}}</p>
            {{errorBlock}}
            <form method="post" action="/oauth/authorize" autocomplete="off">
            {{hidden}}<label for="key">Enter this server's MEM0_API_KEY to authorize:</label>
            <input type="password" id="key" name="{{KeyField}}" required autofocus>
            <p><label><input type="checkbox" name="{{WriteField}}" value="yes" checked> Also let it add, change and delete memories
            (unchecked: it can only search and read them)</label></p>
            <button type="submit">Authorize</button>
            </form>
            </body>
            </html>
            """;
        // form-action also governs where the POST may redirect to (Chrome enforces it), so the client's origin is in it.
        var callback = Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return new HtmlResult(html, status, callback);
    }

    private static IEnumerable<string?> Values(OpenIddictParameter parameter) => parameter.GetRawValue() switch
    {
        null => [],
        string one => [one],
        IEnumerable<string?> many => many,
        _ => [parameter.ToString()],
    };

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    private sealed class HtmlResult(string html, int status, string callbackOrigin) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Frame-Options"] = "DENY";
            http.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{callbackOrigin}; frame-ancestors 'none'";
            return http.Response.WriteAsync(html);
        }
    }
}
