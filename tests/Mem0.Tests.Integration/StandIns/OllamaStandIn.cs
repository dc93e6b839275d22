using System.Text.Json.Nodes;

namespace Mem0.Tests.Integration.StandIns;

/// <summary>Ollama's `/api/chat` (one NDJSON line, which serves streaming and plain readers alike) and `/api/embed`.</summary>
public sealed class OllamaStandIn : ModelStandIn
{
    public const string ChatPath = "/api/chat";
    public const string EmbedPath = "/api/embed";

    public OllamaStandIn(int dimensions = 768)
    {
        Dimensions = dimensions;
        OnPost(ChatPath, r => Chat(r,
            text => new JsonObject
            {
                ["model"] = JsonNode.Parse(r.Body!)!["model"]!.GetValue<string>(), ["created_at"] = "2026-11-28T00:00:00Z",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["done"] = true, ["done_reason"] = "stop", ["prompt_eval_count"] = 120, ["eval_count"] = 30,
            },
            status => new JsonObject { ["error"] = $"stand-in status {status}" }));

        OnPost(EmbedPath, r =>
        {
            var request = JsonNode.Parse(r.Body!)!;
            var inputs = request["input"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
            return Json(200, new JsonObject
            {
                ["model"] = request["model"]!.GetValue<string>(),
                ["embeddings"] = new JsonArray(inputs.Select(t => (JsonNode)new JsonArray(HashEmbedding.Of(t, Dimensions).Select(x => (JsonNode)JsonValue.Create(x)).ToArray())).ToArray()),
            });
        });
    }

    protected override string LastUserMessage(JsonNode request) =>
        request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
}
