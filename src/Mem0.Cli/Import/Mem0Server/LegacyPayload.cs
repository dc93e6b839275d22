using System.Globalization;
using System.Text.Json;
using Qdrant.Client.Grpc;

namespace Mem0.Cli.Import.Mem0Server;

/// <summary>Reads a mem0 point's payload into a <see cref="LegacyMemory"/>; a point without text or a UUID id is refused.</summary>
public static class LegacyPayload
{
    public static LegacyMemory Read(RetrievedPoint point, string defaultUserId, DateTimeOffset now)
    {
        if (point.Id.PointIdOptionsCase != PointId.PointIdOptionsOneofCase.Uuid || !Guid.TryParse(point.Id.Uuid, out var id))
        {
            throw new ImportFormatException($"point {point.Id} has no UUID id (mem0 gives every memory one)");
        }
        var payload = point.Payload;
        string? Text(string key) => payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue && v.StringValue.Length > 0 ? v.StringValue : null;
        var text = Text("data") ?? throw new ImportFormatException($"point {id} has no text under `data`");
        var metadata = payload.Where(kv => !LegacyMemory.OwnKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => Json(kv.Value));
        var vector = point.Vectors?.Vector switch
        {
            { Dense: { } dense } => dense.Data.ToArray(),
#pragma warning disable CS0612 // Qdrant before 1.13 answers dense vectors in the field since deprecated.
            { Data.Count: > 0 } old => old.Data.ToArray(),
#pragma warning restore CS0612
            _ => null,
        };
        return new LegacyMemory(id, text, Time(Text("created_at")) ?? now, Time(Text("updated_at")), Text("user_id") ?? defaultUserId,
            Text("agent_id"), Text("run_id"), metadata.Count == 0 ? null : metadata, vector);
    }

    /// <summary>mem0 writes ISO 8601 with the offset of its clock's zone (US/Pacific); older rows may lack the offset (read as UTC).</summary>
    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>A payload value as JSON, as the REST API answers metadata.</summary>
    public static JsonElement Json(Value value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, value);
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter w, Value v)
    {
        switch (v.KindCase)
        {
            case Value.KindOneofCase.StringValue: w.WriteStringValue(v.StringValue); break;
            case Value.KindOneofCase.IntegerValue: w.WriteNumberValue(v.IntegerValue); break;
            case Value.KindOneofCase.DoubleValue: w.WriteNumberValue(v.DoubleValue); break;
            case Value.KindOneofCase.BoolValue: w.WriteBooleanValue(v.BoolValue); break;
            case Value.KindOneofCase.ListValue:
                w.WriteStartArray();
                foreach (var item in v.ListValue.Values) Write(w, item);
                w.WriteEndArray();
                break;
            case Value.KindOneofCase.StructValue:
                w.WriteStartObject();
                foreach (var (key, item) in v.StructValue.Fields)
                {
                    w.WritePropertyName(key);
                    Write(w, item);
                }
                w.WriteEndObject();
                break;
            default: w.WriteNullValue(); break;
        }
    }
}
