namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// Qdrant's own compatibility rule for its clients: same major version, minor versions at most one apart.
/// Qdrant.Client's version names the server line it was made for (1.20.x for Qdrant 1.20).
/// </summary>
public static class QdrantVersions
{
    /// <summary>The package's version (the assembly's own version is pinned at 1.0.0.0, so the informational one is read).</summary>
    public static Version Client { get; } = Parse(typeof(global::Qdrant.Client.QdrantClient).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion) ?? new Version(1, 0, 0);

    private static Version? Parse(string? text) => Version.TryParse(text?.TrimStart('v').Split('-', '+')[0], out var v) ? v : null;

    /// <summary>The server line the compose file pins: the client's major.minor.</summary>
    public static string ClientLine => $"{Client.Major}.{Client.Minor}";

    /// <summary>Why the server version does not suit this client, or null when it does (or cannot be read).</summary>
    public static string? Mismatch(string serverVersion, Version client)
    {
        if (Parse(serverVersion) is not { } server) return null;
        if (server.Major == client.Major && Math.Abs(server.Minor - client.Minor) <= 1) return null;
        return $"Qdrant {serverVersion} is more than one minor version from the client's {client.Major}.{client.Minor} line; " +
               $"calls may fail or behave differently. Run Qdrant {client.Major}.{client.Minor}.x (the compose file pins it).";
    }
}
