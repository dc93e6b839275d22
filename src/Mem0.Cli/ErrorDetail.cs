using System.Text.Json;

namespace Mem0.Cli;

/// <summary>What a failed server answer says: the error shape's `detail`, else the start of the raw body.</summary>
public static class ErrorDetail
{
    public static string Of(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("detail", out var d)
                ? d.GetString() ?? body
                : body;
        }
        catch (JsonException)
        {
            // Not our error shape (a proxy's page, say): the raw body is what there is to show.
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
