using System.Text.Json;
using Mem0.Tests.Integration.StandIns;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>Replies a model would give to our two prompts, and a reader for what the server sent it.</summary>
public static class ModelScripts
{
    public static ScriptedReply Facts(params string[] facts) => ScriptedReply.Says(JsonSerializer.Serialize(new { facts }));

    /// <summary>
    /// An update decision computed from the request: `decide` gets the numbered memories the server showed the
    /// model (id → text) and returns the entries of the "memory" list.
    /// </summary>
    public static ScriptedReply Decision(Func<IReadOnlyDictionary<string, string>, object[]> decide) =>
        ScriptedReply.Computes(user => JsonSerializer.Serialize(new { memory = decide(Memories(user)) }));

    public static IReadOnlyDictionary<string, string> Memories(string userMessage) =>
        JsonDocument.Parse(userMessage).RootElement.GetProperty("memories").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("text").GetString()!);

    public static string IdOf(this IReadOnlyDictionary<string, string> memories, string word) =>
        memories.Single(kv => kv.Value.Contains(word, StringComparison.OrdinalIgnoreCase)).Key;

    public static object Entry(string id, string text, string @event, string? oldMemory = null) =>
        new { id, text, @event, old_memory = oldMemory };

    /// <summary>The last user message of a chat request, whether its content is a string or a list of text parts.</summary>
    public static string LastUserText(JsonElement request)
    {
        var content = request.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
