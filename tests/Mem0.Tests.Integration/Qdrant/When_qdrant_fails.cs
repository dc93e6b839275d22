using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Qdrant;

/// <summary>
/// The server on a Qdrant that goes away, slows down, refuses or cuts calls (a stand-in of each test's own, so its
/// faults touch nothing else): searches answer 503 `backend_unavailable` naming the vector store within
/// QDRANT_TIMEOUT_MS, adds still store their events, /healthz carries the guide's `qdrant` key, and when Qdrant is
/// back the subscription brings the index level with the store, no point missing or doubled.
/// </summary>
public sealed class When_qdrant_fails
{
    private static Dictionary<string, string?> Settings(string schema, QdrantStandIn.QdrantStandIn standIn) =>
        new(QdrantTarget.Settings("mem0_" + schema, standIn)) { ["QDRANT_TIMEOUT_MS"] = "800" };

    [Fact]
    public async Task Down_searches_are_503_adds_are_stored_and_the_index_catches_up_when_it_is_back()
    {
        await using var standIn = await QdrantTarget.StartOwnAsync();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var host = new Mem0Host(schema, Settings(schema, standIn));
        var api = await host.ReadyAsync();
        await api.AddOne("Ottoline restores harpsichords in Ghent.");
        Assert.Equal("reachable", (await api.GetJson("/healthz?deep=1")).Text("qdrant"));

        await standIn.StopAsync();
        var search = await api.PostJson("/api/v1/memories/search", new { query = "who grows chillies?" });
        search.AssertError(HttpStatusCode.ServiceUnavailable, "backend_unavailable");
        Assert.Contains("Qdrant", search.Text("detail"));
        var health = await api.GetJson("/healthz?deep=1");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "unreachable", "unreachable"), (health.Status, health.Text("qdrant"), health.Text("vector_store_status")));

        // The add is decided on exact-text and keyword candidates and its events stored; listing reads the store.
        var add = await api.PostJson("/api/v1/memories", new { content = "Barnaby grows chillies on his balcony." });
        Assert.True(add.Status == HttpStatusCode.OK, add.Body.ToString());
        var added = add.Body.GetProperty("results")[0].GetProperty("id").GetGuid();
        Assert.Contains(added, await api.ListIds());

        await standIn.StartAgainAsync();
        // The client may answer 503 a moment longer while its channel reconnects.
        await Eventually.HoldsAsync(async () =>
            {
                var again = await api.PostJson("/api/v1/memories/search", new { query = "who grows chillies?", limit = 1 });
                return again.Status == HttpStatusCode.OK && again.Body.GetProperty("results").EnumerateArray()
                    .Select(r => r.GetProperty("memory").GetString()).SequenceEqual(["Barnaby grows chillies on his balcony."]);
            }, TimeSpan.FromSeconds(30), "the subscription to index the add made while Qdrant was down");
        var after = (await api.GetJson("/healthz?deep=1")).Body;
        Assert.Equal(("reachable", 2L, 0L), (after.GetProperty("qdrant").GetString(), after.GetProperty("indexed").GetInt64(), after.GetProperty("index_lag").GetInt64()));
        Assert.Equal(2, standIn.Store.Resolve("mem0_" + schema).Read(points => points.Count));
    }

    [Theory]
    [InlineData("slow")]
    [InlineData("refusing")]
    [InlineData("dropping")]
    public async Task A_misbehaving_qdrant_makes_searches_503_within_the_timeout(string fault)
    {
        await using var standIn = await QdrantTarget.StartOwnAsync();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var host = new Mem0Host(schema, Settings(schema, standIn));
        var api = await host.ReadyAsync();
        await api.AddOne("Clementine sails a wooden ketch.");
        // A client that gives up well before the stand-in's 30 s delay: a search that waited for Qdrant would fail here.
        api = host.Authorized();
        api.Timeout = TimeSpan.FromSeconds(15);

        switch (fault)
        {
            case "slow": standIn.Faults.Slow(TimeSpan.FromSeconds(30)); break;
            case "refusing": standIn.Faults.Refuse(); break;
            default: standIn.Faults.Drop(); break;
        }
        var search = await api.PostJson("/api/v1/memories/search", new { query = "boats" });
        search.AssertError(HttpStatusCode.ServiceUnavailable, "backend_unavailable");
        Assert.Contains("vector store (Qdrant)", search.Text("detail"));
        Assert.Equal("unreachable", (await api.GetJson("/healthz?deep=1")).Text("qdrant"));

        standIn.Faults.Clear();
        Assert.Equal(["Clementine sails a wooden ketch."], await api.SearchTexts("boats", 1));
    }

    [Fact]
    public async Task The_version_is_logged_and_a_server_off_the_client_line_is_warned_about()
    {
        await using var standIn = await QdrantTarget.StartOwnAsync();
        standIn.Version = "1.17.3";
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var host = new Mem0Host(schema, Settings(schema, standIn));
        await host.ReadyAsync();
        var client = Mem0.Projections.Vectors.Qdrant.QdrantVersions.Client;
        Assert.Contains(host.Logs.Lines, l => l.Contains($"Qdrant 1.17.3 at 127.0.0.1:{standIn.GrpcPort} (client {client.ToString(3)})"));
        Assert.Contains(host.Logs.Lines, l => l.Contains("level=Warning") && l.Contains($"Qdrant 1.17.3 is more than one minor version from the client's {client.Major}.{client.Minor} line"));
    }

    [Fact]
    public async Task Qdrant_s_rest_port_where_grpc_was_expected_stops_start_up_saying_what_to_set()
    {
        await using var standIn = await QdrantTarget.StartOwnAsync(apiKey: "qdrant-secret-77ab");

        var (code, stderr) = await ServerProcess.RunOnQdrantUntilExitAsync(standIn.RestPort, "qdrant-secret-77ab");

        Assert.Equal(2, code);
        Assert.Contains($"Qdrant at 127.0.0.1:{standIn.RestPort} answered over HTTP/1.1 as Qdrant's REST API (version {standIn.Version}), not gRPC", stderr);
        Assert.Contains("set QDRANT_GRPC_PORT", stderr);
        Assert.DoesNotContain("qdrant-secret-77ab", stderr);
    }
}
