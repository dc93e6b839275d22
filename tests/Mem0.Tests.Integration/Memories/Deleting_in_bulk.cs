using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

public sealed class Deleting_in_bulk(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task A_dry_run_reports_the_blast_radius_and_confirm_deletes_exactly_that()
    {
        var api = await host.ReadyAsync();
        var import = "import:test-" + Guid.NewGuid().ToString("N")[..6];
        var doomed = new List<Guid>();
        foreach (var note in Distinct.Sentences(12)) doomed.Add(await api.AddOne(note, new { metadata = new { source = import } }));
        var keeper = await api.AddOne("Mallory wrote this note by hand.", new { metadata = new { source = "user" } });

        var dry = await api.PostJson("/api/v1/memories/delete_bulk", new { source = import });
        Assert.Equal(HttpStatusCode.OK, dry.Status);
        Assert.Equal(12, dry.Body.GetProperty("matched").GetInt32());
        Assert.Equal(0, dry.Body.GetProperty("deleted").GetInt32());
        Assert.True(dry.Body.GetProperty("dry_run").GetBoolean());
        Assert.False(dry.Body.GetProperty("has_more").GetBoolean());
        Assert.Equal(10, dry.Body.GetProperty("sample").GetArrayLength());
        Assert.Equal(13, (await api.ListIds()).Intersect(doomed.Append(keeper)).Count());

        var done = await api.PostJson("/api/v1/memories/delete_bulk", new { source = import, confirm = true });
        Assert.Equal(12, done.Body.GetProperty("deleted").GetInt32());
        Assert.False(done.Body.GetProperty("dry_run").GetBoolean());
        Assert.Equal([keeper], (await api.ListIds()).Intersect(doomed.Append(keeper)));

        // Each deletion is an event on its memory's stream, so every history stays whole.
        var history = await api.GetJson($"/api/v1/memories/{doomed[3]}/history");
        Assert.Equal(["ADD", "DELETE"], history.Body.EnumerateArray().Select(r => r.GetProperty("event").GetString()));

        var again = await api.PostJson("/api/v1/memories/delete_bulk", new { source = import, confirm = true });
        Assert.Equal(0, again.Body.GetProperty("matched").GetInt32());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"user_id": "default-user", "confirm": true}""")]
    public async Task Without_a_narrowing_filter_nothing_is_deleted(string body)
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Niaj's bulk-delete canary stays put.");

        (await api.PostRaw("/api/v1/memories/delete_bulk", body)).AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Contains(id, await api.ListIds());
    }
}
