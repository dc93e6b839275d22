using System.Globalization;
using System.Text.Json;

namespace Mem0.Projections.Memories;

/// <summary>The reserved metadata keys of the guide's governance convention. Nothing enforces them.</summary>
public static class MetadataKeys
{
    public const string Source = "source";
    public const string Confidence = "confidence";
    public const string ReviewStatus = "review_status";
    public const string ExpiresAt = "expires_at";
    public const string ReviewedBy = "reviewed_by";
    public const string ReviewedAt = "reviewed_at";

    public static string? String(Dictionary<string, JsonElement>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static DateTimeOffset? Timestamp(Dictionary<string, JsonElement>? metadata, string key) =>
        String(metadata, key) is { } raw &&
        DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
