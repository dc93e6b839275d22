using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mem0.Extractor.Ai;

/// <summary>
/// JSON written into a prompt. System.Text.Json's default encoder escapes every non-ASCII character and the
/// apostrophe (it is made for HTML), so "Ölpreise" reached the model as `\u00D6lpreise` and Japanese text cost
/// several times its tokens. The relaxed encoder keeps text as it is and still escapes what JSON requires
/// (quotes, backslashes, control characters). Characters beyond the Basic Multilingual Plane (emoji) are still
/// written as surrogate escapes by this encoder. Never used for anything a browser renders.
/// </summary>
public static class PromptJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
