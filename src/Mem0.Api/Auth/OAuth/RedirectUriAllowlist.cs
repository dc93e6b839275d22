namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// OAUTH_ALLOWED_REDIRECT_URIS, with the guide's semantics. An entry is an exact URI, or a prefix ending in `*`
/// that is locked to its scheme, host and port and only extends the path: it must name a concrete host and a path
/// that ends in `/` (`https://chatgpt.com/connector/oauth/*`). Wildcards without one (`https://chatgpt.com*`,
/// `https://*`, `*`) are ignored and reported, so a careless entry can never match a look-alike host such as
/// `chatgpt.com.evil.com`.
/// </summary>
public sealed class RedirectUriAllowlist
{
    private readonly List<string> _exact = [];
    private readonly List<Uri> _prefixes = [];

    public RedirectUriAllowlist(string entries)
    {
        foreach (var entry in entries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!entry.EndsWith('*'))
            {
                if (IsAcceptable(entry, out _)) _exact.Add(entry);
                else Ignored.Add(entry);
                continue;
            }
            var prefix = entry[..^1];
            if (IsAcceptable(prefix, out var uri) && uri.AbsolutePath.Length > 1 && uri.AbsolutePath.EndsWith('/') && uri.Query.Length == 0)
            {
                _prefixes.Add(uri);
            }
            else
            {
                Ignored.Add(entry);
            }
        }
    }

    /// <summary>Entries that were not honoured, for the start-up warning.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>The entries in force, as written (prefixes with their `*`), for logs and errors.</summary>
    public IEnumerable<string> Active => _exact.Concat(_prefixes.Select(p => p.AbsoluteUri + "*"));

    public bool Allows(string redirectUri)
    {
        if (!IsAcceptable(redirectUri, out var candidate)) return false;
        if (_exact.Contains(redirectUri, StringComparer.Ordinal)) return true;
        return _prefixes.Any(p =>
            string.Equals(p.Scheme, candidate.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(p.IdnHost, candidate.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            p.Port == candidate.Port &&
            candidate.AbsolutePath.StartsWith(p.AbsolutePath, StringComparison.Ordinal) &&
            // A dot segment would climb out of the prefix once a browser normalises it.
            !redirectUri.Contains("/..", StringComparison.Ordinal) && !redirectUri.Contains("%2e", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An absolute http(s) URI with a host, no user info and no fragment (RFC 6749 §3.1.2).</summary>
    private static bool IsAcceptable(string value, out Uri uri)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out uri!)) return false;
        return uri.Scheme is "https" or "http" && uri.Host.Length > 0 && !uri.Host.Contains('*')
               && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 && !value.Contains('#');
    }
}
