using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Mem0.Projections.Embeddings;

/// <summary>
/// A stored vector keyed by (model, hash of the exact text). Written with the events that introduce a text, so
/// start-up and rebuilds load vectors instead of paying the embedding provider again.
/// </summary>
public sealed class CachedEmbedding
{
    public string Id { get; set; } = "";
    [JsonConverter(typeof(Base64FloatsConverter))]
    public float[] Vector { get; set; } = [];

    public static string KeyFor(string model, string text) =>
        $"{model}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";
}
