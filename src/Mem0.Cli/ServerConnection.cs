using System.Net.Http.Headers;

namespace Mem0.Cli;

/// <summary>
/// Where the server is and the key to use: `--url` / MEM0_URL (default http://127.0.0.1:8000) and `--api-key` /
/// MEM0_API_KEY, falling back to `.local/api-key`, the key `ops/run-local.sh` generates, when run from the repository.
/// </summary>
public sealed record ServerConnection(Uri Url, string ApiKey)
{
    public const string DefaultUrl = "http://127.0.0.1:8000";
    private const string LocalKeyFile = ".local/api-key";

    public static ServerConnection? Resolve(string? url, string? apiKey, TextWriter error)
    {
        url ??= Environment.GetEnvironmentVariable("MEM0_URL") ?? DefaultUrl;
        apiKey ??= Environment.GetEnvironmentVariable("MEM0_API_KEY");
        if (apiKey is null && File.Exists(LocalKeyFile)) apiKey = File.ReadAllText(LocalKeyFile).Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"mem0: the server URL must be http(s)://host[:port] (got '{url}').");
            return null;
        }
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            error.WriteLine("mem0: no API key: pass --api-key or set MEM0_API_KEY.");
            return null;
        }
        return new ServerConnection(uri, apiKey);
    }

    public HttpClient CreateClient()
    {
        // Long operations stream their progress; the timeout is per read, not for the whole call.
        var client = new HttpClient { BaseAddress = Url, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }
}
