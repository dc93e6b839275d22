using Hangfire;
using Mem0.Scheduler.Jobs;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Tests.Integration.Hosting;

/// <summary>The rebuild as a Hangfire job: registered at start without a schedule, run when triggered.</summary>
public sealed class Rebuilding_from_the_scheduler
{
    [Fact]
    public async Task Triggering_the_rebuild_job_rebuilds_the_index_and_searches_answer_as_before()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        foreach (var s in Distinct.Sentences(12)) await api.AddOne(s);
        var before = await api.SearchTexts("who plays music?", 5);

        host.Services.GetRequiredService<IRecurringJobManager>().Trigger(RebuildIndexJob.Id);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!host.Logs.Lines.Any(l => l.Contains("Index rebuild job finished")) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Index rebuild job finished: 12 memories"));
        Assert.Equal(before, await api.SearchTexts("who plays music?", 5));
    }
}
