namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// Qdrant's own compatibility rule for its clients: same major version, minor versions at most one apart.
/// Qdrant.Client's version names the server line it was made for (1.20.x for Qdrant 1.20).
/// </summary>
public static class QdrantVersions
{
    public static Version Client { get; } = typeof(global::Qdrant.Client.QdrantClient).Assembly.GetName().Version ?? new Version(1, 0);

    /// <summary>The server line the compose file pins: the client's major.minor.</summary>
    public static string ClientLine => $"{Client.Major}.{Client.Minor}";

    /// <summary>Why the server version does not suit this client, or null when it does (or cannot be read).</summary>
    public static string? Mismatch(string serverVersion, Version client)
    {
        var text = serverVersion.TrimStart('v').Split('-', '+')[0];
        if (!Version.TryParse(text, out var server)) return null;
        if (server.Major == client.Major && Math.Abs(server.Minor - client.Minor) <= 1) return null;
        return $"Qdrant {serverVersion} is more than one minor version from the client's {client.Major}.{client.Minor} line; " +
               $"calls may fail or behave differently. Run Qdrant {client.Major}.{client.Minor}.x (the compose file pins it).";
    }
}
