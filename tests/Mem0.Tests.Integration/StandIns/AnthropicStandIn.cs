using System.Text.Json.Nodes;

namespace Mem0.Tests.Integration.StandIns;

/// <summary>The Anthropic Messages API: `POST /v1/messages`.</summary>
public sealed class AnthropicStandIn : ModelStandIn
{
    public const string MessagesPath = "/v1/messages";

    public AnthropicStandIn() => OnPost(MessagesPath, r => Chat(r,
        text => new JsonObject
        {
            ["id"] = "msg_" + Guid.NewGuid().ToString("N")[..12], ["type"] = "message", ["role"] = "assistant",
            ["model"] = JsonNode.Parse(r.Body!)!["model"]!.GetValue<string>(),
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            ["stop_reason"] = "end_turn", ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 120, ["output_tokens"] = 30 },
        },
        status => new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = status == 429 ? "rate_limit_error" : "api_error", ["message"] = $"stand-in status {status}" },
        }));

    protected override string LastUserMessage(JsonNode request)
    {
        var last = request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!;
        return last is JsonArray parts ? string.Concat(parts.Select(p => p!["text"]?.GetValue<string>())) : last.GetValue<string>();
    }
}
