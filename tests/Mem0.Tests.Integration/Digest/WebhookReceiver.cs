using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Mem0.Tests.Integration.Digest;

/// <summary>A local Slack or Discord incoming webhook: answers as the platform does and keeps every post.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public WebhookReceiver(string path, int status)
    {
        Path = path;
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody(status >= 400 ? "invalid_token" : status == 200 ? "ok" : ""));
    }

    public string Path { get; }
    public string Url => _server.Url + Path;

    public IReadOnlyList<JsonElement> Posts => _server.LogEntries
        .Where(e => e.RequestMessage.Path == Path)
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone()).ToList();

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
