using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

public sealed class Reading_memories(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task Listing_pages_through_the_whole_store_with_has_more()
    {
        var api = await host.ReadyAsync();
        var run = "page-" + Guid.NewGuid().ToString("N")[..6];
        var added = new List<Guid>();
        foreach (var fact in Distinct.Sentences(5, offset: 20)) added.Add(await api.AddOne(fact, new { run_id = run }));

        var seen = new List<Guid>();
        var offset = 0;
        while (true)
        {
            var page = await api.GetJson($"/api/v1/memories?run_id={run}&limit=2&offset={offset}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var p = page.Body.GetProperty("pagination");
            Assert.Equal(2, p.GetProperty("limit").GetInt32());
            Assert.Equal(offset, p.GetProperty("offset").GetInt32());
            seen.AddRange(page.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
            if (!p.GetProperty("has_more").GetBoolean()) break;
            offset += 2;
        }
        Assert.Equal(added, seen);
    }

    [Fact]
    public async Task Listing_filters_by_agent_and_governance_metadata()
    {
        var api = await host.ReadyAsync();
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..6];
        var approved = await api.AddOne("Frank approved the quarterly budget.", new { agent_id = agent, metadata = new { review_status = "approved", source = "import:chatgpt" } });
        var expired = await api.AddOne("Frank's parking permit is valid.", new { agent_id = agent, metadata = new { expires_at = "2020-01-01T00:00:00Z" } });
        await api.AddOne("Frank's desk is on floor nine.", new { agent_id = "someone-else" });

        Assert.Equal([approved, expired], await api.ListIds($"&agent_id={agent}"));
        Assert.Equal([approved], await api.ListIds($"&agent_id={agent}&review_status=approved"));
        Assert.Equal([approved], await api.ListIds($"&agent_id={agent}&source=import:chatgpt"));
        Assert.Equal([approved], await api.ListIds($"&agent_id={agent}&exclude_expired=true"));
    }

    [Theory]
    [InlineData("limit=0", "limit must be between 1 and 100.")]
    [InlineData("limit=101", "limit must be between 1 and 100.")]
    [InlineData("offset=-1", "offset must be between 0 and 10000.")]
    [InlineData("limit=abc", "limit has a value of the wrong type.")]
    public async Task Bad_list_parameters_are_a_422(string query, string detail)
    {
        var api = await host.ReadyAsync();
        var reply = await api.GetJson("/api/v1/memories?" + query);
        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(detail, reply.Text("detail"));
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("01900000-0000-7000-8000-000000000000")]
    public async Task Get_update_delete_and_history_of_an_unknown_id_are_404(string id)
    {
        var api = await host.ReadyAsync();
        (await api.GetJson($"/api/v1/memories/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.PutJson($"/api/v1/memories/{id}", new { content = "x" })).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.DeleteJson($"/api/v1/memories/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.GetJson($"/api/v1/memories/{id}/history")).AssertError(HttpStatusCode.NotFound, "not_found");
    }
}
