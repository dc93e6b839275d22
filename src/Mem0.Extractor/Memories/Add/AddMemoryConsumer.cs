using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// mem0's add: plan (facts, similar memories, decisions), decide the events, append them in one transaction
/// (<see cref="AddExecutor"/>). The content fingerprint is unique in the store, so of several concurrent retries of one
/// add exactly one commits and the others answer "deduplicated" (the definition's retry policy runs the add again after
/// such a race, or after a memory it changes moved on meanwhile). A command carried out before is answered from its
/// receipt (<see cref="Inbox"/>). A provider failure stores nothing and says so.
/// </summary>
public sealed class AddMemoryConsumer(AddExecutor executor, ILogger<AddMemoryConsumer> log) : IConsumer<AddMemory>
{
    public Task Consume(ConsumeContext<AddMemory> context) => StoreRefusal.GuardAsync(context, log, AddMemoryConsumerDefinition.Retries, async () =>
    {
        var answer = await executor.RunAsync(context.Message, lookForKnown: context.GetRetryAttempt() > 0, new StageTimings(), context.CancellationToken);
        if (answer is CommandFailed failed) await context.RespondAsync(failed);
        else await context.RespondAsync((AddMemoryResult)answer);
    });
}
