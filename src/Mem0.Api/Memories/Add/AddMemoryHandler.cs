using System.Diagnostics;
using Marten;
using Mem0.Api.Bus;
using Mem0.Api.Observability;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Settings;
using Mem0.Projections.Commands;
using Mem0.Projections.Memories;
using Mem0.Projections.Sources;

namespace Mem0.Api.Memories.Add;

/// <summary>
/// Adds from any surface. An input taken before (a memory holds its fingerprint, or it produced nothing the first
/// time) answers at once, without the bus or the model;
/// anything else goes to the extractor and comes back as mem0's result list. A client's retry of an add that was
/// stored (its `Idempotency-Key` names a command with a receipt) gets that add's result, not "deduplicated".
/// </summary>
public sealed class AddMemoryHandler(IQuerySession session, CommandSender bus, CommandIds ids, ServerOptions server, BusOptions busOptions)
{
    /// <summary>Where the last add's time went: here (`fingerprint`), on the bus, and the extractor's own stages.</summary>
    public StageTimings Timings { get; } = new();

    public async Task<AddMemoryResult> AddAsync(AddMemoryRequest body, string surface, CancellationToken ct)
    {
        var (commandId, fromKey) = ids.ForThisRequest();
        Timings.Start();
        if (fromKey && await session.LoadAsync<CommandReceipt>(commandId, ct) is { } receipt) return receipt.Read<AddMemoryResult>();
        var command = Command(body, commandId, surface, server);
        // Per user: the same words from another user are that user's own memory, not a duplicate of this one.
        if (command.Dedup && await session.FindKnownInputAsync(command.UserId, command.Fingerprint, ct) is { } known)
        {
            Timings.Lap("fingerprint");
            var repeat = AddMemoryResult.Known(known.MemoryId);
            ApiMetrics.CountAdd(repeat);
            return repeat;
        }
        Timings.Lap("fingerprint");

        try
        {
            var sent = Stopwatch.GetTimestamp();
            var result = await bus.SendAsync<AddMemory, AddMemoryResult>(command, CommandQueues.AddMemory(busOptions.BusPrefix), ct);
            // The bus's share is the round trip less what the extractor says it spent.
            Timings.AddRemote("bus", Stopwatch.GetElapsedTime(sent).TotalMilliseconds, result.Stages);
            ApiMetrics.CountAdd(result);
            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            ApiMetrics.Adds.WithLabels("failed").Inc();
            throw;
        }
    }

    /// <summary>The command a valid add body makes: its input's fingerprint, dedup on unless asked off, the default user.</summary>
    public static AddMemory Command(AddMemoryRequest body, Guid commandId, string surface, ServerOptions server)
    {
        var messages = body.Messages?.Select(m => new ChatMessage(m.Role!, m.Content!)).ToList();
        var fingerprint = body.Content is not null ? Fingerprint.Of(body.Content) : Fingerprint.Of(messages!);
        return new AddMemory(commandId, body.Content, messages, fingerprint, body.Dedup ?? true, body.UserId ?? server.DefaultUserId!,
            body.RunId, body.Metadata, new Provenance(body.AgentId, surface), body.OccurredAt);
    }
}
