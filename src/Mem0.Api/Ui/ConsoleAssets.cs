using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Mem0.Api.Ui;

/// <summary>
/// The console's stylesheet and script, compiled into the server (no CDN, no Node build, nothing to deploy beside
/// the binary) and served under `/ui/assets/` with an ETag, so a browser asks again cheaply and never uses a stale copy.
/// </summary>
public static class ConsoleAssets
{
    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    private static readonly Dictionary<string, Asset> Assets = Load();

    private static Dictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ui-assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource["ui-assets/".Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8"
                : name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
                : name.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : "application/octet-stream";
            assets[name] = new Asset(bytes, type, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
        return assets;
    }

    public static void MapConsoleAssets(this IEndpointRouteBuilder app) =>
        app.MapGet(ConsoleSession.Path + "/assets/{name}", (string name, HttpContext http) =>
        {
            if (!Assets.TryGetValue(name, out var asset)) return Results.NotFound();
            http.Response.Headers.ETag = asset.ETag;
            http.Response.Headers.CacheControl = "no-cache";
            if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(asset.Bytes, asset.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>The version-stamped address of an asset, so a new build's file is fetched at once.</summary>
    public static string Url(string name) =>
        $"{ConsoleSession.Path}/assets/{name}?v={(Assets.TryGetValue(name, out var a) ? a.ETag.Trim('"') : "0")}";
}
