using Npgsql;

namespace Mem0.Projections.Store;

/// <summary>Accepts `postgres://user:pass@host:port/db?sslmode=…` as well as a plain Npgsql connection string.</summary>
public static class DatabaseUrl
{
    /// <summary>
    /// How long opening a connection may take unless the URL says (`?timeout=N`): Npgsql's 15 s would hold every
    /// request that long when the database host is gone without a reset, where the API promises a 503 within 2 s.
    /// </summary>
    public const int DefaultConnectTimeoutSeconds = 2;

    /// <summary>The server's connection string: <see cref="ToConnectionString"/> with the connect timeout above unless one is set.</summary>
    public static string ForServer(string value)
    {
        var builder = new NpgsqlConnectionStringBuilder(ToConnectionString(value));
        var explicitTimeout = value.Split(['?', '&', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Any(part => part.TrimStart().StartsWith("timeout=", StringComparison.OrdinalIgnoreCase));
        if (!explicitTimeout) builder.Timeout = DefaultConnectTimeoutSeconds;
        return builder.ConnectionString;
    }

    public static string ToConnectionString(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] =
                kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }
}
