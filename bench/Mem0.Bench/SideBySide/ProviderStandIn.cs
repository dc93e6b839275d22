using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mem0.Bench.SideBySide;

/// <summary>
/// OpenAI's wire format (`/v1/chat/completions`, `/v1/embeddings`, floats or base64) on loopback, for the side-by-side:
/// both memory services call it through their own OpenAI client library, and it answers every call after a fixed delay
/// (the latency profile). Chat answers follow the prompt: each input's text is its one fact, added unless a shown
/// memory says the same. It recognises mem0's additive extraction (`## New Messages`), this server's extraction (the
/// note itself), update decision (`{"memories", "facts"}`) and one-call pipeline (`{"memories", "input"}`). Embeddings
/// hash words into a unit vector, so texts sharing words are close. Counts every call.
///   Mem0.Bench provider --port 8790 [--chat-ms 300] [--embed-ms 50] [--dims 256]
/// </summary>
public static class ProviderStandIn
{
    private static long _chats;
    private static long _embeddings;

    public static async Task RunAsync(int port, TimeSpan chatDelay, TimeSpan embedDelay, int dims)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            Interlocked.Increment(ref _chats);
            await Task.Delay(chatDelay);
            return Results.Json(Completion(body["model"]?.GetValue<string>() ?? "stand-in", Answer(body["messages"]!.AsArray())));
        });
        app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            Interlocked.Increment(ref _embeddings);
            await Task.Delay(embedDelay);
            var inputs = body["input"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
            var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
            var data = new JsonArray(inputs.Select((text, i) =>
            {
                var vector = Embed(text, body["dimensions"]?.GetValue<int>() ?? dims);
                JsonNode embedding = base64 ? JsonValue.Create(Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()))
                    : new JsonArray(vector.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
                return (JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
            }).ToArray());
            return Results.Json(new JsonObject
            {
                ["object"] = "list", ["data"] = data, ["model"] = body["model"]?.GetValue<string>() ?? "stand-in",
                ["usage"] = new JsonObject { ["prompt_tokens"] = 8 * inputs.Count, ["total_tokens"] = 8 * inputs.Count },
            });
        });
        app.MapGet("/calls", () => Results.Json(new { chats = Interlocked.Read(ref _chats), embeddings = Interlocked.Read(ref _embeddings) }));
        Console.WriteLine($"provider stand-in on 127.0.0.1:{port}: chat {chatDelay.TotalMilliseconds:0} ms, embeddings {embedDelay.TotalMilliseconds:0} ms, {dims} dims");
        await app.RunAsync();
    }

    /// <summary>The JSON the prompt asks for.</summary>
    private static string Answer(JsonArray messages)
    {
        var last = messages.Last(m => m?["role"]?.GetValue<string>() == "user")!["content"]!.GetValue<string>();
        if (last.Contains("## New Messages", StringComparison.Ordinal))
        {
            // mem0's additive extraction: the new messages' user turns are the facts, unless an existing memory has them.
            var section = last[(last.LastIndexOf("## New Messages", StringComparison.Ordinal) + 16)..];
            var end = section.IndexOf("\n\n## ", StringComparison.Ordinal);
            var turns = (end < 0 ? section : section[..end]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.StartsWith("user: ", StringComparison.Ordinal)).Select(l => l[6..].Trim()).ToList();
            return new JsonObject { ["memory"] = new JsonArray(turns.Select((t, i) => (JsonNode)new JsonObject { ["id"] = $"n{i}", ["text"] = t, ["attributed_to"] = "user" }).ToArray()) }
                .ToJsonString();
        }
        if (TryObject(last) is { } input && input["memories"] is JsonArray memories)
        {
            var facts = input["facts"] is JsonArray f ? f.Select(x => x!.GetValue<string>()).ToList() : [Note(input["input"]!.GetValue<string>())];
            var items = new JsonArray();
            var next = memories.Count;
            foreach (var fact in facts)
            {
                var same = memories.FirstOrDefault(m => string.Equals(m!["text"]!.GetValue<string>(), fact, StringComparison.OrdinalIgnoreCase));
                items.Add(same is null
                    ? new JsonObject { ["id"] = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = fact, ["event"] = "ADD" }
                    : new JsonObject { ["id"] = same["id"]!.GetValue<string>(), ["text"] = fact, ["event"] = "NONE" });
            }
            return new JsonObject { ["memory"] = items }.ToJsonString();
        }
        return new JsonObject { ["facts"] = new JsonArray(JsonValue.Create(Note(last))) }.ToJsonString();
    }

    /// <summary>The note itself, or a transcript's user turns.</summary>
    private static string Note(string input)
    {
        var turns = input.Split('\n').Where(l => l.StartsWith("user: ", StringComparison.Ordinal)).Select(l => l[6..].Trim()).ToList();
        return turns.Count > 0 ? string.Join(' ', turns) : input.Trim();
    }

    private static JsonObject? TryObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Completion(string model, string content) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12], ["object"] = "chat.completion", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["finish_reason"] = "stop", ["logprobs"] = null,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 200, ["completion_tokens"] = 40, ["total_tokens"] = 240 },
    };

    /// <summary>Words (lowercased, letters and digits) hashed to signed buckets, normalised: shared words make close texts.</summary>
    private static float[] Embed(string text, int dims)
    {
        var vector = new float[dims];
        foreach (var word in text.ToLowerInvariant().Split((char[])[' ', ',', '.', '!', '?', ';', ':', '\'', '"', '(', ')', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = (uint)StableHash(word);
            vector[hash % (uint)dims] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0) vector[0] = norm = 1;
        for (var i = 0; i < dims; i++) vector[i] /= norm;
        return vector;
    }

    private static int StableHash(string word)
    {
        var h = unchecked((int)2166136261);
        foreach (var c in word) h = unchecked((h ^ c) * 16777619);
        return h;
    }
}
