namespace Mem0.Api.Hosting;

public static class ListeningAddress
{
    /// <summary>The first address given with --urls / ASPNETCORE_URLS, which the local profile uses as its public URL.</summary>
    public static string From(IConfiguration config)
    {
        var first = (config["urls"] ?? config["ASPNETCORE_URLS"] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").TrimEnd('/');
    }
}
