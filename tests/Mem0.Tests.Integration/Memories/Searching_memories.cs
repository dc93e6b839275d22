using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

public sealed class Searching_memories(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task The_closest_meaning_ranks_first_with_a_score()
    {
        var api = await host.ReadyAsync();
        await api.AddOne("We host services on CapRover on DigitalOcean.");
        await api.AddOne("Karl is allergic to peanuts.");
        await api.AddOne("The team standup starts at 9:30.");

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "where do we host things?" });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("We host services on CapRover on DigitalOcean.", results[0].GetProperty("memory").GetString());
        var scores = results.Select(r => r.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.True(results[0].TryGetProperty("created_at", out _));
    }

    [Theory]
    [InlineData("semantic", "embed,index,load")]
    [InlineData("keyword", "terms,text")]
    [InlineData("hybrid", "embed,index,terms,text,load")]
    public async Task Each_answer_says_how_long_its_stages_took(string mode, string stages)
    {
        var api = await host.ReadyAsync();
        await api.AddOne("The boiler was serviced in March.");

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "boiler", mode });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var timing = Assert.Single(reply.Response.Headers.GetValues("Server-Timing"));
        var entries = timing.Split(", ").Select(e => e.Split(";dur=")).ToList();
        Assert.Equal(stages.Split(','), entries.Select(e => e[0]));
        Assert.All(entries, e => Assert.InRange(double.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture), 0, 60_000));
    }

    [Fact]
    public async Task Identity_filters_apply_before_the_limit()
    {
        var api = await host.ReadyAsync();
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var trip in new[] { "Laura hiked Ben Nevis in the rain.", "Laura's longest hike was the Camino.", "Laura carries trekking poles on steep hikes.",
                     "Laura hikes with her brother every spring.", "Laura's hiking boots are a size 39." })
        {
            await api.AddOne(trip);
        }
        var mine = await api.AddOne("Laura likes quiet trails on weekdays.", new { agent_id = agent });

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "Laura's hiking trips", limit = 1, agent_id = agent });

        var results = reply.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Single(results);
        Assert.Equal(mine, results[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("""{"query": ""}""", "query is required and must not be empty.")]
    [InlineData("""{"query": "x", "limit": 0}""", "limit must be between 1 and 100.")]
    [InlineData("""{"query": "x", "limit": 101}""", "limit must be between 1 and 100.")]
    [InlineData("""{"query": "x", "limit": "ten"}""", "Request body has a value of the wrong type at $.limit.")]
    [InlineData("""{"query": "x", "mode": "fuzzy"}""", "mode must be semantic, keyword or hybrid.")]
    [InlineData("""{"query": "x", "recency_weight": 1.5}""", "recency_weight must be between 0 and 1.")]
    [InlineData("""{"query": "x", "recency_half_life_days": 0}""", "recency_half_life_days must be greater than 0 and at most 36500.")]
    [InlineData("""{"query": "x", "exclude_expired": "yes"}""", "Request body has a value of the wrong type at $.exclude_expired.")]
    public async Task Bad_search_requests_are_a_422(string body, string detail)
    {
        var api = await host.ReadyAsync();
        var reply = await api.PostRaw("/api/v1/memories/search", body);
        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(detail, reply.Text("detail"));
    }
}
