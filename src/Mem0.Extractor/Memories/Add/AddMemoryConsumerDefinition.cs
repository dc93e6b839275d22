using MassTransit;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// Adds spend their time in the model (local ONNX or a provider round trip), so a handful run at once: enough
/// to overlap provider latency, few enough that a burst of imports cannot starve searches of CPU.
/// </summary>
public sealed class AddMemoryConsumerDefinition : ConsumerDefinition<AddMemoryConsumer>
{
    public AddMemoryConsumerDefinition() => ConcurrentMessageLimit = 8;
}
