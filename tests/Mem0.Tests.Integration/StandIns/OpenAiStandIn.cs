using System.Text.Json.Nodes;

namespace Mem0.Tests.Integration.StandIns;

/// <summary>OpenAI's chat completions and embeddings (`/v1/chat/completions`, `/v1/embeddings`), floats or base64.</summary>
public sealed class OpenAiStandIn : ModelStandIn
{
    public const string ChatPath = "/v1/chat/completions";
    public const string EmbeddingsPath = "/v1/embeddings";

    private int _embeddingFailures;
    private long _embeddingDelayMs;

    /// <summary>Every embedding answer from now on waits this long first: a slow provider, to keep a request in flight.</summary>
    public void SlowEmbeddings(TimeSpan delay) => Interlocked.Exchange(ref _embeddingDelayMs, (long)delay.TotalMilliseconds);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _embeddingBodies = new();

    /// <summary>
    /// Whether an embedding request whose body contains <paramref name="text"/> has arrived, counted on arrival: the
    /// server's request log records a request only once it is answered, after any <see cref="SlowEmbeddings"/> delay.
    /// </summary>
    public bool EmbeddingArrived(string text) => _embeddingBodies.Any(b => b.Contains(text, StringComparison.Ordinal));

    /// <summary>The next `count` embedding requests answer 503.</summary>
    public void FailEmbeddings(int count) => Interlocked.Exchange(ref _embeddingFailures, count);

    public OpenAiStandIn(int dimensions = 1536)
    {
        Dimensions = dimensions;
        OnPost(ChatPath, r => Chat(r,
            text => new JsonObject
            {
                ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12], ["object"] = "chat.completion", ["created"] = 1_700_000_000,
                ["model"] = JsonNode.Parse(r.Body!)!["model"]!.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop", ["logprobs"] = null,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text, ["refusal"] = null },
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 30, ["total_tokens"] = 150 },
            },
            status => new JsonObject { ["error"] = new JsonObject { ["message"] = $"stand-in status {status}", ["type"] = "server_error" } }));

        OnPost(EmbeddingsPath, r =>
        {
            _embeddingBodies.Enqueue(r.Body ?? "");
            if (Interlocked.Read(ref _embeddingDelayMs) is > 0 and var delay) Thread.Sleep((int)delay);
            if (Interlocked.Decrement(ref _embeddingFailures) >= 0)
            {
                return Json(503, new JsonObject { ["error"] = new JsonObject { ["message"] = "stand-in outage", ["type"] = "server_error" } });
            }
            var request = JsonNode.Parse(r.Body!)!;
            var inputs = request["input"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
            var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
            var data = new JsonArray(inputs.Select((text, i) =>
            {
                var v = HashEmbedding.Of(text, Dimensions);
                JsonNode embedding = base64
                    ? JsonValue.Create(Convert.ToBase64String(v.SelectMany(BitConverter.GetBytes).ToArray()))
                    : new JsonArray(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
                return (JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
            }).ToArray());
            return Json(200, new JsonObject
            {
                ["object"] = "list", ["data"] = data, ["model"] = request["model"]!.GetValue<string>(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["total_tokens"] = 5 },
            });
        });
    }

    protected override string LastUserMessage(JsonNode request) =>
        request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"] switch
        {
            JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>())),
            var content => content!.GetValue<string>(),
        };
}
