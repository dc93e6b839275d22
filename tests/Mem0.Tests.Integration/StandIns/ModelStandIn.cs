using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Mem0.Tests.Integration.StandIns;

/// <summary>
/// A local HTTP server speaking one provider's wire format, so the server under test uses the provider's real
/// client library. Chat requests are answered from a script, in order; embeddings are computed. Every request is
/// kept for assertions.
/// </summary>
public abstract class ModelStandIn : IDisposable
{
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    protected WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;
    public int Dimensions { get; init; }

    public void Script(params ScriptedReply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    public int Unanswered => _script.Count;

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime).ToList();

    public static JsonElement Body(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement;

    public static string Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString();

    public static bool HasHeader(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers!.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    protected void OnPost(string path, Func<IRequestMessage, ResponseMessage> handler) =>
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithCallback(handler));

    /// <summary>The next scripted reply for a chat request, or a 500 that names the missing script step.</summary>
    protected ResponseMessage Chat(IRequestMessage request, Func<string, JsonNode> successBody, Func<int, JsonNode> errorBody)
    {
        if (!_script.TryDequeue(out var reply)) return Json(500, errorBody(500));
        return reply.Status == 200 ? Json(200, successBody(reply.Text(LastUserMessage(JsonNode.Parse(request.Body!)!)))) : Json(reply.Status, errorBody(reply.Status));
    }

    protected abstract string LastUserMessage(JsonNode request);

    protected static ResponseMessage Json(int status, JsonNode body) => new()
    {
        StatusCode = status,
        BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
    };

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
