using MassTransit;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// Adds spend their time in the model (local ONNX or a provider round trip), so a handful run at once: enough
/// to overlap provider latency, few enough that a burst of imports cannot starve searches of CPU. One retry after a
/// lost race: a second add costs the model again, and a race lost twice is a real conflict to report.
/// </summary>
public sealed class AddMemoryConsumerDefinition : ConsumerDefinition<AddMemoryConsumer>
{
    public const int Retries = 1;

    public AddMemoryConsumerDefinition() => ConcurrentMessageLimit = 8;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AddMemoryConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(r => StoreConflictRetry.Configure(r, Retries));
}
