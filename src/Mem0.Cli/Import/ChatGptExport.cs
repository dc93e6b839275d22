using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mem0.Cli.Import;

/// <summary>
/// ChatGPT's `conversations.json`: one messages payload per conversation, in order along the branch the user
/// last saw (from `current_node` up through `parent` links, then reversed), user and assistant text only.
/// </summary>
public static class ChatGptExport
{
    public static IReadOnlyList<ImportItem> Read(string path, string source)
    {
        JsonArray conversations;
        try
        {
            using var stream = File.OpenRead(path);
            conversations = JsonNode.Parse(stream) as JsonArray
                ?? throw new ImportFormatException($"{path}: not a ChatGPT export: the top level is not a list of conversations.");
        }
        catch (JsonException ex)
        {
            throw new ImportFormatException($"{path}: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message.Split(" LineNumber")[0]}");
        }

        var items = new List<ImportItem>();
        for (var i = 0; i < conversations.Count; i++)
        {
            if (conversations[i] is not JsonObject c || c["mapping"] is not JsonObject mapping)
            {
                throw new ImportFormatException($"{path}: conversation {i + 1} has no message mapping.");
            }
            var messages = Branch(c, mapping).ToList();
            if (messages.Count == 0) continue;
            var title = c["title"]?.GetValue<string>() ?? "(untitled)";
            var metadata = new JsonObject { ["source"] = $"import:{source}", ["title"] = title };
            if ((c["id"] ?? c["conversation_id"]) is { } id) metadata["conversation_id"] = id.ToString();
            DateTimeOffset? occurred = null;
            if (c["create_time"] is JsonValue created && created.TryGetValue<double>(out var seconds))
            {
                occurred = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
                metadata["created_at"] = occurred.Value.ToString("O");
            }
            items.Add(new ImportItem($"conversation {i + 1} \"{title}\"", null, messages, metadata, occurred));
        }
        return items;
    }

    private static IEnumerable<(string Role, string Content)> Branch(JsonObject conversation, JsonObject mapping)
    {
        var nodeId = conversation["current_node"]?.GetValue<string>() ?? mapping.Select(n => n.Key).LastOrDefault();
        var path = new List<JsonObject>();
        var seen = new HashSet<string>();
        while (nodeId is not null && seen.Add(nodeId) && mapping[nodeId] is JsonObject node)
        {
            path.Add(node);
            nodeId = node["parent"]?.GetValue<string>();
        }
        path.Reverse();
        foreach (var node in path)
        {
            if (node["message"] is not JsonObject message) continue;
            var role = message["author"]?["role"]?.GetValue<string>();
            if (role is not ("user" or "assistant")) continue;
            var parts = message["content"]?["parts"] as JsonArray;
            var text = string.Join("\n", parts?.OfType<JsonValue>().Select(p => p.TryGetValue<string>(out var s) ? s : null).OfType<string>() ?? []).Trim();
            if (text.Length > 0) yield return (role, text);
        }
    }
}
