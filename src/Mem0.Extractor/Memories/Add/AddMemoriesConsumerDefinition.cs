using MassTransit;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// A batch keeps both cores busy on its own (one embedding call for all its facts, a few model calls at once), so two
/// run at a time: one plans while the other commits. No retry of the whole batch: its items retry themselves.
/// </summary>
public sealed class AddMemoriesConsumerDefinition : ConsumerDefinition<AddMemoriesConsumer>
{
    public AddMemoriesConsumerDefinition() => ConcurrentMessageLimit = 2;
}
