using MassTransit;

namespace Mem0.Extractor.Memories.Delete;

/// <summary>Two retries when the memory changed between the read and the append, each on the memory as it is then.</summary>
public sealed class DeleteMemoryConsumerDefinition : ConsumerDefinition<DeleteMemoryConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DeleteMemoryConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(r => StoreConflictRetry.Configure(r, retries: 2));
}
