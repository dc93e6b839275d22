using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>
/// The vector index is a projection: rebuilt from the event store and the embedding cache (at every start, for
/// the embedded index), it answers a fixed query set exactly as before, scores included.
/// </summary>
public sealed class Rebuilding_the_index
{
    private static readonly string[] Queries =
        ["who plays music?", "gardening hobbies", "anyone into boats", "old machines and repairs", "hiking and the outdoors"];

    [Fact]
    public async Task A_rebuilt_index_answers_a_fixed_query_set_identically()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        List<string> before;
        await using (var first = new Mem0Host(schema, null, dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            foreach (var s in Distinct.Sentences(25)) await api.AddOne(s);
            var replaced = await api.AddOne("Quentin hikes the Dolomites every summer.");
            await api.PutJson($"/api/v1/memories/{replaced}", new { content = "Quentin hikes in the Pyrenees every summer." });
            await api.DeleteJson($"/api/v1/memories/{(await api.ListIds())[3]}");
            before = await AnswersAsync(api);
        }

        await using var second = new Mem0Host(schema, null);
        var after = await AnswersAsync(await second.ReadyAsync());

        Assert.Equal(before, after);
        Assert.Contains(before, a => a.Contains("Pyrenees"));
        Assert.DoesNotContain(before, a => a.Contains("Dolomites"));
    }

    /// <summary>Every query in every mode, as id, text and score to 5 places.</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient api)
    {
        var answers = new List<string>();
        foreach (var mode in new[] { "semantic", "hybrid" })
        {
            foreach (var query in Queries)
            {
                var reply = await api.PostJson("/api/v1/memories/search", new { query, mode, limit = 5 });
                answers.AddRange(reply.Body.GetProperty("results").EnumerateArray().Select(r =>
                    $"{mode}|{query}|{r.GetProperty("id").GetGuid()}|{r.GetProperty("memory").GetString()}|{r.GetProperty("score").GetSingle():F5}"));
            }
        }
        return answers;
    }
}
