using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Backups;

/// <summary>
/// Everything a user can read from a store, as text: every memory (all fields the API returns), every memory's
/// history, source and first text (read `as_of` its creation), and the answers to a fixed set of searches in each
/// mode with their scores. Two stores that give the
/// same state are the same to every client.
/// </summary>
public static class StoreState
{
    private static readonly string[] Queries = ["who plays music?", "gardening hobbies", "hiking in the mountains", "Philips", "old machines"];

    public static async Task<List<string>> ReadAsync(HttpClient api)
    {
        var state = new List<string>();
        var ids = new List<Guid>();
        var reads = new List<string>();
        for (var offset = 0; ; offset += 100)
        {
            var page = await api.GetJson($"/api/v1/memories?limit=100&offset={offset}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var results = page.Body.GetProperty("results").EnumerateArray().ToList();
            state.AddRange(results.Select(r => "memory " + r.GetRawText()));
            ids.AddRange(results.Select(r => r.GetProperty("id").GetGuid()));
            foreach (var r in results)
            {
                var created = Uri.EscapeDataString(r.GetProperty("created_at").GetDateTimeOffset().UtcDateTime.ToString("O"));
                reads.Add($"/api/v1/memories/{r.GetProperty("id").GetGuid()}?as_of={created}");
                if (r.TryGetProperty("source_id", out var source)) reads.Add($"/api/v1/sources/{source.GetGuid()}");
            }
            if (results.Count < 100) break;
        }
        foreach (var id in ids.OrderBy(i => i))
        {
            var history = await api.GetJson($"/api/v1/memories/{id}/history");
            Assert.Equal(HttpStatusCode.OK, history.Status);
            state.Add($"history {id} {history.Body.GetRawText()}");
        }
        foreach (var path in reads)
        {
            var read = await api.GetJson(path);
            Assert.Equal(HttpStatusCode.OK, read.Status);
            state.Add($"{path} {read.Body.GetRawText()}");
        }
        foreach (var mode in new[] { "semantic", "keyword", "hybrid" })
        {
            foreach (var query in Queries)
            {
                var reply = await api.PostJson("/api/v1/memories/search", new { query, mode, limit = 5 });
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                state.AddRange(reply.Body.GetProperty("results").EnumerateArray().Select(r =>
                    $"search {mode}|{query}|{r.GetProperty("id").GetGuid()}|{r.GetProperty("memory").GetString()}|" +
                    $"{(r.TryGetProperty("score", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.Number ? s.GetSingle().ToString("F5") : "-")}"));
            }
        }
        return state;
    }

    /// <summary>Adds, updates and deletes, so the store holds every kind of event and history.</summary>
    public static async Task<(Guid Updated, Guid Deleted)> WriteAsync(HttpClient api)
    {
        foreach (var s in Distinct.Sentences(20)) await api.AddOne(s);
        await api.AddOne("Wilhelmina restores Philips radios from the 1950s.", new { agent_id = "claude-code", metadata = new { source = "chat", confidence = "high" } });
        var updated = await api.AddOne("Quentin hikes the Dolomites every summer.");
        Assert.Equal(HttpStatusCode.OK, (await api.PutJson($"/api/v1/memories/{updated}", new { content = "Quentin hikes in the Pyrenees every summer." })).Status);
        var deleted = await api.AddOne("Ottoline keeps bees on the roof of her flat.");
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteJson($"/api/v1/memories/{deleted}")).Status);
        return (updated, deleted);
    }
}
