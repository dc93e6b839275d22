using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mem0.Settings;
using Qdrant.Client;

namespace Mem0.Scheduler.Backups;

/// <summary>A Qdrant collection snapshot as it went into a backup.</summary>
public sealed record QdrantSnapshotFile(string Collection, string File, string Sha256, long Bytes);

/// <summary>
/// With Qdrant, a backup also carries a snapshot of the live collection, as the guide's backup app made: taken
/// through gRPC, downloaded from Qdrant's REST port (QDRANT_PORT; 6333 when that is the gRPC port 6334), then
/// deleted on the Qdrant side. A restore does not need it (the index is rebuilt from the events); it is there for
/// the guide's snapshot-upload procedure and for comparing indexes.
/// </summary>
public sealed class QdrantSnapshots(QdrantClient client, VectorIndexOptions settings, IHttpClientFactory http)
{
    public const string HttpClientName = "mem0-qdrant-snapshots";

    public async Task<QdrantSnapshotFile> DownloadAsync(string folder, CancellationToken ct)
    {
        var alias = (await client.ListAliasesAsync(ct)).FirstOrDefault(a => a.AliasName == settings.Collection);
        var collection = alias?.CollectionName ?? settings.Collection;
        var snapshot = await client.CreateSnapshotAsync(collection, ct);
        try
        {
            var restPort = settings.QdrantPort == 6334 ? 6333 : settings.QdrantPort;
            var url = $"{(settings.QdrantHttps ? "https" : "http")}://{settings.QdrantHost}:{restPort}/collections/" +
                      $"{Uri.EscapeDataString(collection)}/snapshots/{Uri.EscapeDataString(snapshot.Name)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (settings.QdrantApiKey is { } key) request.Headers.Add("api-key", key);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new BackupException($"Qdrant's REST port {restPort} answered {(int)response.StatusCode} for the snapshot download.");
            }
            var file = $"qdrant/{collection}.snapshot";
            var path = Path.Combine(folder, "qdrant.snapshot");
            await using (var output = File.Create(path))
            {
                await (await response.Content.ReadAsStreamAsync(ct)).CopyToAsync(output, ct);
            }
            await using var input = File.OpenRead(path);
            return new QdrantSnapshotFile(collection, file, Convert.ToHexStringLower(await SHA256.HashDataAsync(input, ct)), input.Length);
        }
        finally
        {
            await client.DeleteSnapshotAsync(collection, snapshot.Name, CancellationToken.None);
        }
    }
}
