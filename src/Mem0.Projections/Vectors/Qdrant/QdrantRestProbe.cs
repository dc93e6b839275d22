using System.Net.Http.Json;
using System.Text.Json;
using Mem0.Settings;

namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// When gRPC gets no sensible answer at start, one plain HTTP/1.1 GET of `/` on the same address tells the user what
/// is there instead: Qdrant's REST API (it answers its title and version; the guide's QDRANT_PORT=443 behind a
/// reverse proxy usually reaches it) or some other web server. The gRPC client cannot say either.
/// </summary>
public static class QdrantRestProbe
{
    public static async Task<string?> DescribeAsync(VectorIndexOptions s, CancellationToken ct)
    {
        var address = $"{(s.QdrantHttps ? "https" : "http")}://{s.QdrantHost}:{s.QdrantClientPort}/";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3), DefaultRequestVersion = System.Net.HttpVersion.Version11 };
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (s.QdrantApiKey is { } key) request.Headers.Add("api-key", key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
        using (response)
        {
            var where = $"{s.QdrantHost}:{s.QdrantClientPort}";
            const string fix = "The server speaks Qdrant's gRPC API: set QDRANT_GRPC_PORT to Qdrant's gRPC port (6334 unless changed), " +
                               "or behind a reverse proxy (CapRover) publish Qdrant's 6334 over HTTP/2 (README, \"Qdrant behind CapRover\").";
            if (await QdrantTitleAsync(response, ct) is { } version)
            {
                return $"Qdrant at {where} answered over HTTP/1.1 as Qdrant's REST API (version {version}), not gRPC. {fix}";
            }
            return $"{where} answered HTTP {(int)response.StatusCode} over HTTP/1.1, not Qdrant's gRPC. {fix}";
        }
    }

    private static async Task<string?> QdrantTitleAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var root = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("title", out var title) &&
                   title.GetString()?.Contains("qdrant", StringComparison.OrdinalIgnoreCase) == true &&
                   root.TryGetProperty("version", out var version) ? version.GetString() ?? "unknown" : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }
}
