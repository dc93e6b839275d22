using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>Update, delete and the history that outlives them; every change is visible as soon as it returns.</summary>
public sealed class Changing_memories(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task History_shows_add_update_delete_and_survives_the_delete()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Grace's standing meeting is on Tuesdays.", new { agent_id = "n8n-flow" });

        var updated = await api.PutJson($"/api/v1/memories/{id}", new { content = "Grace's standing meeting moved to Thursdays." });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("Grace's standing meeting moved to Thursdays.", updated.Text("memory"));
        Assert.Equal("Grace's standing meeting moved to Thursdays.", (await api.GetJson($"/api/v1/memories/{id}")).Text("memory"));

        var deleted = await api.DeleteJson($"/api/v1/memories/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Body.GetProperty("deleted").GetBoolean());
        Assert.Equal(id, deleted.Body.GetProperty("memory_id").GetGuid());
        (await api.GetJson($"/api/v1/memories/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.DeleteJson($"/api/v1/memories/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");

        var history = await api.GetJson($"/api/v1/memories/{id}/history");
        Assert.Equal(HttpStatusCode.OK, history.Status);
        var rows = history.Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE", "DELETE"], rows.Select(r => r.GetProperty("event").GetString()));
        Assert.Equal("Grace's standing meeting is on Tuesdays.", rows[0].GetProperty("new_memory").GetString());
        Assert.Equal("n8n-flow", rows[0].GetProperty("actor_id").GetString());
        Assert.Equal("Grace's standing meeting is on Tuesdays.", rows[1].GetProperty("old_memory").GetString());
        Assert.Equal("Grace's standing meeting moved to Thursdays.", rows[1].GetProperty("new_memory").GetString());
        Assert.Equal("Grace's standing meeting moved to Thursdays.", rows[2].GetProperty("old_memory").GetString());
        Assert.True(rows[2].GetProperty("is_deleted").GetBoolean());
        Assert.All(rows, r => Assert.Equal(id, r.GetProperty("memory_id").GetGuid()));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_memory_each_land_in_its_history_none_lost()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Judith's bike lock code is 1000.");
        var texts = Enumerable.Range(1, 3).Select(i => $"Judith's bike lock code is {1000 + i}.").ToList();

        // Each read the same version; the ones that lose the append retry on the memory as it is then
        // (the consumer definition's retry policy), so every update is one event and none overwrote another unseen.
        var answers = await Task.WhenAll(texts.Select(t => api.PutJson($"/api/v1/memories/{id}", new { content = t })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var rows = (await api.GetJson($"/api/v1/memories/{id}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["ADD", "UPDATE", "UPDATE", "UPDATE"], rows.Select(r => r.GetProperty("event").GetString()));
        Assert.Equal(texts.Order(), rows.Skip(1).Select(r => r.GetProperty("new_memory").GetString()!).Order());
        // A chain: each update's old text is the text the one before it wrote.
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].GetProperty("new_memory").GetString(), rows[i].GetProperty("old_memory").GetString());
        }
    }

    [Fact]
    public async Task An_update_is_found_by_search_under_its_new_meaning_at_once()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Heidi commutes by bicycle.");
        await api.PutJson($"/api/v1/memories/{id}", new { content = "Heidi's sourdough starter is called Bubbles." });

        var hits = await api.PostJson("/api/v1/memories/search", new { query = "what is the name of the bread starter?", limit = 1 });
        var top = hits.Body.GetProperty("results")[0];
        Assert.Equal(id, top.GetProperty("id").GetGuid());
        Assert.Equal("Heidi's sourdough starter is called Bubbles.", top.GetProperty("memory").GetString());
    }

    [Fact]
    public async Task A_deleted_memory_never_comes_back_from_search_or_list()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Ivan's locker code is kept in the office safe.");
        Assert.Contains("Ivan's locker code is kept in the office safe.", await api.SearchTexts("Ivan's locker code"));

        await api.DeleteJson($"/api/v1/memories/{id}");

        Assert.DoesNotContain("Ivan's locker code is kept in the office safe.", await api.SearchTexts("Ivan's locker code", 100));
        Assert.DoesNotContain(id, await api.ListIds());
        // And adding it again makes a new memory rather than pointing at the deleted one.
        var again = await api.AddOne("Ivan's locker code is kept in the office safe.");
        Assert.NotEqual(id, again);
    }

    [Theory]
    [InlineData("{}", "content is required and must not be empty.")]
    [InlineData("""{"content": "  "}""", "content is required and must not be empty.")]
    [InlineData("""{"content": 42}""", "Request body has a value of the wrong type at $.content.")]
    public async Task A_malformed_update_is_a_422_and_changes_nothing(string body, string detail)
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Judy's team uses trunk-based development.");

        var reply = await api.Send(HttpMethod.Put, $"/api/v1/memories/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(detail, reply.Text("detail"));
        Assert.Equal("Judy's team uses trunk-based development.", (await api.GetJson($"/api/v1/memories/{id}")).Text("memory"));
    }
}
