using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// The per-call cap of bulk delete, driven through the real bus to the real consumer with a cap small enough to
/// reach (REST always asks for 1000): matched is cut at the cap, has_more says more remain, and repeating the
/// call finishes the job.
/// </summary>
public sealed class Deleting_in_bulk_batches(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task A_capped_call_reports_has_more_and_repeating_it_deletes_the_rest()
    {
        var api = await host.ReadyAsync();
        var agent = "import:batch-" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<Guid>();
        foreach (var s in Distinct.Sentences(7)) ids.Add(await api.AddOne(s, new { agent_id = agent }));

        var client = host.CommandClient<DeleteMemories>(CommandQueues.DeleteMemories(host.Schema));
        var filter = new BulkDeleteFilter("default-user", agent, null, null, null, null);
        async Task<DeleteMemoriesResult> Delete() =>
            (await client.GetResponse<DeleteMemoriesResult>(new DeleteMemories(Guid.CreateVersion7(), filter, true, 3, new Provenance(null, Surfaces.Rest)))).Message;

        var first = await Delete();
        Assert.Equal((3, 3, true), (first.Matched, first.Deleted, first.HasMore));
        Assert.Equal(ids.Take(3), first.Sample.Select(s => s.Id));
        var second = await Delete();
        Assert.Equal((3, 3, true), (second.Matched, second.Deleted, second.HasMore));
        var last = await Delete();
        Assert.Equal((1, 1, false), (last.Matched, last.Deleted, last.HasMore));
        Assert.Null(last.Error);

        Assert.Empty((await api.ListIds($"&agent_id={Uri.EscapeDataString(agent)}")));
    }
}
