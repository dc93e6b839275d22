using System.Diagnostics;
using Marten;
using Mem0.Api.Bus;
using Mem0.Api.Memories.Add;
using Mem0.Api.Observability;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Commands;
using Mem0.Projections.Sources;
using Mem0.Settings;

namespace Mem0.Api.Memories.AddBatch;

/// <summary>
/// Many adds in one request and one bus round trip. Each item is checked as a single add's body (an invalid one gets
/// its 422 in the answer, the rest go on), looked up by its input's fingerprint (a known one answers "deduplicated"
/// here), and the rest go to the extractor as one <see cref="AddMemories"/> command. Under an `Idempotency-Key` each
/// item's command id comes from the key and the item's place, so a retry after a crash finds each stored item's
/// receipt and answers what that item did, not "deduplicated".
/// </summary>
public sealed class AddBatchHandler(IQuerySession session, CommandSender bus, CommandIds ids, ServerOptions server, BusOptions busOptions)
{
    public StageTimings Timings { get; } = new();

    public async Task<AddBatchResponse> AddAsync(AddBatchRequest body, string surface, CancellationToken ct)
    {
        var (batchId, fromKey) = ids.ForThisRequest();
        Timings.Start();
        var requests = body.Items!;
        var answers = new AddBatchItem?[requests.Count];
        var commands = new Dictionary<int, AddMemory>();
        for (var i = 0; i < requests.Count; i++)
        {
            if ((requests[i] is null ? "the item must be an add body (an object)." : requests[i]!.Validate()) is { } problem)
            {
                answers[i] = Failed(i, StatusCodes.Status422UnprocessableEntity, Errors.ErrorCodes.Validation, $"items[{i}]: {problem}");
                continue;
            }
            var commandId = fromKey ? CommandIds.FromKey($"{batchId:N}#{i}") : Guid.CreateVersion7();
            commands[i] = AddMemoryHandler.Command(requests[i]!, commandId, surface, server);
        }
        await AnswerKnownAsync(commands, answers, fromKey, ct);
        Timings.Lap("fingerprint");

        if (commands.Count > 0)
        {
            var order = commands.Keys.Order().ToList();
            var sent = Stopwatch.GetTimestamp();
            var reply = await bus.SendAsync<AddMemories, AddMemoriesResult>(new AddMemories(batchId, order.Select(i => commands[i]).ToList()),
                CommandQueues.AddMemories(busOptions.BusPrefix), ct);
            Timings.AddRemote("bus", Stopwatch.GetElapsedTime(sent).TotalMilliseconds, reply.Stages);
            for (var k = 0; k < order.Count; k++)
            {
                var item = reply.Items[k];
                answers[order[k]] = item.Result is { } result ? Succeeded(order[k], result)
                    : Failed(order[k], CommandSender.StatusFor(item.Failure!.Error), item.Failure.Error, item.Failure.Detail);
            }
        }

        var items = answers.Select(a => a!).ToList();
        var failed = items.Count(i => i.Status >= 300);
        var added = items.Count(i => i.Status < 300 && i.Deduplicated is null && i.Results!.Count > 0);
        return new AddBatchResponse(items, added, items.Count - failed - added, failed);
    }

    /// <summary>
    /// Items answered without the extractor, taken out of <paramref name="commands"/>: under a key, an item carried out
    /// before (its receipt); with dedup on, an input this user's store has taken (one query per user in the batch).
    /// </summary>
    private async Task AnswerKnownAsync(Dictionary<int, AddMemory> commands, AddBatchItem?[] answers, bool fromKey, CancellationToken ct)
    {
        if (fromKey)
        {
            var receipts = (await session.LoadManyAsync<CommandReceipt>(ct, commands.Values.Select(c => c.CommandId).ToArray())).ToDictionary(r => r.Id);
            foreach (var (i, cmd) in commands.ToList())
            {
                if (!receipts.TryGetValue(cmd.CommandId, out var receipt)) continue;
                answers[i] = Succeeded(i, receipt.Read<AddMemoryResult>());
                commands.Remove(i);
            }
        }
        foreach (var user in commands.Values.Where(c => c.Dedup).GroupBy(c => c.UserId).ToList())
        {
            var known = await session.FindKnownInputsAsync(user.Key, user.Select(c => c.Fingerprint).Distinct().ToList(), ct);
            foreach (var (i, cmd) in commands.Where(c => c.Value.Dedup && c.Value.UserId == user.Key).ToList())
            {
                if (!known.TryGetValue(cmd.Fingerprint, out var input)) continue;
                answers[i] = Succeeded(i, AddMemoryResult.Known(input.MemoryId));
                commands.Remove(i);
            }
        }
    }

    /// <summary>An item's answer, counted in the adds metric as a single add's.</summary>
    private static AddBatchItem Succeeded(int index, AddMemoryResult r)
    {
        ApiMetrics.CountAdd(r);
        var single = AddMemoryResponse.From(r);
        return new AddBatchItem(index, StatusCodes.Status200OK, single.Results, single.Deduplicated, single.MemoryId, null, null);
    }

    private static AddBatchItem Failed(int index, int status, string error, string detail)
    {
        ApiMetrics.Adds.WithLabels("failed").Inc();
        return new AddBatchItem(index, status, null, null, null, error, detail);
    }
}
