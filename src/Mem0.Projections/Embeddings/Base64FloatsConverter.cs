using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mem0.Projections.Embeddings;

/// <summary>
/// Stores a vector as base64 of its little-endian floats: about a third of the size of a JSON number array and
/// far quicker to read back, which is what start-up and rebuilds spend their time on. Reads either form.
/// </summary>
public sealed class Base64FloatsConverter : JsonConverter<float[]>
{
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray) return JsonSerializer.Deserialize<float[]>(ref reader)!;
        var bytes = reader.GetBytesFromBase64();
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.AsSpan()));
}
