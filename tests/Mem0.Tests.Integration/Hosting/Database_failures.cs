using System.Diagnostics;
using System.Net;
using System.Text;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// PostgreSQL going away, as one host sees it through a relay the test cuts (<see cref="TcpCutter"/>): every route
/// answers 503 `backend_unavailable` in the error shape at once, never a 500 and never a hang (a host gone without a
/// reset is bounded by the connect timeout), /healthz says which part is down, and everything works again when the
/// database is back. The bound asserted is the API's promise (2 s) with room for a loaded CI machine; the figures
/// are in the fault suite's note.
/// </summary>
public sealed class Database_failures
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private static readonly (HttpMethod Method, string Path, string? Body)[] Routes =
    [
        (HttpMethod.Get, "/api/v1/memories", null),
        (HttpMethod.Get, "/api/v1/memories/{id}", null),
        (HttpMethod.Get, "/api/v1/memories/{id}/history", null),
        (HttpMethod.Post, "/api/v1/memories/search", """{"query":"what does Ilse build?"}"""),
        (HttpMethod.Post, "/api/v1/memories/search", """{"query":"boats","mode":"keyword"}"""),
        (HttpMethod.Post, "/api/v1/memories", """{"content":"Ilse also sails on Sundays."}"""),
        (HttpMethod.Put, "/api/v1/memories/{id}", """{"content":"Ilse builds wooden kayaks."}"""),
        (HttpMethod.Delete, "/api/v1/memories/{id}", null),
        (HttpMethod.Post, "/api/v1/memories/delete_bulk", """{"agent_id":"nobody","confirm":false}"""),
    ];

    [Theory]
    [InlineData("refused")]
    [InlineData("silent")]
    public async Task With_the_database_unreachable_every_route_is_503_backend_unavailable_at_once_and_all_works_when_it_is_back(string how)
    {
        var target = new Uri(TestEnvironment.DatabaseUrl.Replace("postgres://", "http://"));
        await using var relay = new TcpCutter(target.Host, target.Port);
        var url = TestEnvironment.DatabaseUrl.Replace($"{target.Host}:{target.Port}", $"127.0.0.1:{relay.Port}");
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_DATABASE_URL"] = url });
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Ilse builds cedar-strip canoes in her garage.");

        // Restored on the way out whatever happens, so a failed check is reported as itself, not as the host's
        // shutdown hanging on a database it can no longer reach.
        try
        {
            if (how == "silent") relay.Blackhole();
            else relay.Cut();

            foreach (var (method, path, body) in Routes)
            {
                var clock = Stopwatch.StartNew();
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var reply = await HttpJson.Send(api, method, path.Replace("{id}", id.ToString()),
                    body is null ? null : new StringContent(body, Encoding.UTF8, "application/json")).WaitAsync(bounded.Token)
                    .ContinueWith(t => t.IsCanceled ? throw new TimeoutException($"{method} {path} did not answer within 20 s") : t.Result);
                clock.Stop();
                Assert.True(reply.Status == HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)reply.Status} {reply.Body} after {clock.Elapsed.TotalSeconds:F1} s\n{string.Join("\n", host.Logs.Lines.Where(l => l.Contains("Update")).Select(l => l[..Math.Min(l.Length, 700)]))}");
                reply.AssertError(HttpStatusCode.ServiceUnavailable, "backend_unavailable");
                Assert.True(clock.Elapsed < Promise + Slack, $"{method} {path} took {clock.Elapsed.TotalSeconds:F1} s to refuse");
            }
            var health = await api.GetJson("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
            Assert.Equal("unreachable", health.Text("postgres"));
        }
        finally
        {
            relay.Restore();
        }
        await Eventually.HoldsAsync(async () => (await api.GetJson("/healthz")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "health after the database came back");
        Assert.Equal(HttpStatusCode.OK, (await api.GetJson($"/api/v1/memories/{id}")).Status);
        Assert.Contains("Ilse builds cedar-strip canoes in her garage.", await api.SearchTexts("what does Ilse build?"));
        Assert.NotEqual(id, await api.AddOne("Ilse's workshop smells of cedar and varnish."));
    }
}
