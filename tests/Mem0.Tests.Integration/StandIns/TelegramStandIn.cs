using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock.Server;
using WireMock.ResponseBuilders;
using WireMock.RequestBuilders;
using WireMock.Util;
using WireMock.Types;

namespace Mem0.Tests.Integration.StandIns;

/// <summary>
/// The Telegram Bot API's getUpdates and sendMessage (`/bot{token}/…`): queued messages are delivered once, in
/// order, then every poll is empty; every reply the bot sends is recorded.
/// </summary>
public sealed class TelegramStandIn : IDisposable
{
    public const string Token = "123456:test-bot-token";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ConcurrentQueue<JsonObject> _pending = new();
    private int _updateId;

    public string Url => _server.Url!;
    public ConcurrentQueue<(long Chat, string Text)> Sent { get; } = new();

    public TelegramStandIn()
    {
        _server.Given(Request.Create().WithPath($"/bot{Token}/getUpdates").UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            var updates = new JsonArray();
            while (_pending.TryDequeue(out var update)) updates.Add(update);
            // An empty long poll answers after a moment, as Telegram's would after its timeout.
            if (updates.Count == 0) Thread.Sleep(50);
            return Ok(updates);
        }));
        _server.Given(Request.Create().WithPath($"/bot{Token}/sendMessage").UsingPost()).RespondWith(Response.Create().WithCallback(r =>
        {
            var body = JsonNode.Parse(r.Body!)!;
            var chat = body["chat_id"]!.GetValue<long>();
            var text = body["text"]!.GetValue<string>();
            Sent.Enqueue((chat, text));
            return Ok(new JsonObject
            {
                ["message_id"] = 900 + Sent.Count, ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private" }, ["text"] = text,
            });
        }));
    }

    public void Message(long chat, string text)
    {
        var id = Interlocked.Increment(ref _updateId);
        _pending.Enqueue(new JsonObject
        {
            ["update_id"] = id,
            ["message"] = new JsonObject
            {
                ["message_id"] = 100 + id, ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private" }, ["text"] = text,
            },
        });
    }

    private static WireMock.ResponseMessage Ok(JsonNode result) => new()
    {
        StatusCode = 200,
        BodyData = new BodyData { BodyAsString = new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), DetectedBodyType = BodyType.String },
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
    };

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
