using System.Text;
using System.Text.Json;

namespace Mem0.Api.Validation;

/// <summary>
/// Bounds on request fields, shared by REST and MCP so both refuse the same things, each before any work is done.
/// Text may hold any character but U+0000 (PostgreSQL cannot store it) and unpaired surrogates (not Unicode).
/// </summary>
public static class Limits
{
    /// <summary>A request body larger than this is refused with 413 before it is read (the largest add is ~0.5 MB).</summary>
    public const long MaxRequestBodyBytes = 1_048_576;
    public const int MaxContentChars = 100_000;
    public const int MaxQueryChars = 8_000;
    public const int MaxMetadataBytes = 16_384;
    public const int MaxMetadataDepth = 8;
    public static readonly string[] Roles = ["user", "assistant", "system", "tool"];
    public const int MaxMessages = 500;
    public const int MaxTagChars = 256;
    public const int MaxSearchLimit = 100;
    public const int DefaultSearchLimit = 10;
    public const int MaxListLimit = 100;
    public const int DefaultListLimit = 50;
    public const int MaxOffset = 10_000;
    public const int BulkDeleteCap = 1000;

    public static string? Tag(string? value, string field) =>
        value is null ? null
        : value.Length == 0 ? $"{field} must not be empty when given."
        : value.Length > MaxTagChars ? $"{field} must be at most {MaxTagChars} characters."
        : Text(value, field);

    /// <summary>Why a text cannot be stored as it is, or null: a NUL character or an unpaired surrogate.</summary>
    public static string? Text(string? value, string field)
    {
        if (value is null) return null;
        var nul = value.IndexOf('\0');
        if (nul >= 0) return $"{field} must not contain the NUL character (U+0000), found at position {nul}.";
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return $"{field} holds an unpaired surrogate (not valid Unicode) at position {i}.";
        }
        return null;
    }

    /// <summary>
    /// `metadata`: at most <see cref="MaxMetadataBytes"/> as JSON and <see cref="MaxMetadataDepth"/> levels deep, its
    /// keys and strings storable text. It is copied onto every fact an add stores, so it is kept small.
    /// </summary>
    public static string? Metadata(Dictionary<string, JsonElement>? metadata)
    {
        if (metadata is null) return null;
        var bytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(metadata));
        if (bytes > MaxMetadataBytes) return $"metadata must be at most {MaxMetadataBytes} bytes as JSON (it is {bytes}).";
        foreach (var (key, value) in metadata)
        {
            if ((Text(key, "metadata key") ?? Element(value, $"metadata.{key}", 1)) is { } problem) return problem;
        }
        return null;
    }

    private static string? Element(JsonElement element, string path, int depth)
    {
        if (depth > MaxMetadataDepth) return $"metadata must be at most {MaxMetadataDepth} levels deep ({path} is deeper).";
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Text(element.GetString(), path);
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if ((Text(p.Name, $"a key in {path}") ?? Element(p.Value, $"{path}.{p.Name}", depth + 1)) is { } problem) return problem;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Element(item, $"{path}[{i++}]", depth + 1) is { } problem) return problem;
                }
                return null;
            default:
                return null;
        }
    }
}
