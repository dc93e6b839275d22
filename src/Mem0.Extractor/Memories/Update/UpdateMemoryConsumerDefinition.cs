using MassTransit;

namespace Mem0.Extractor.Memories.Update;

/// <summary>Two retries after a lost race, each on the memory as it is then.</summary>
public sealed class UpdateMemoryConsumerDefinition : ConsumerDefinition<UpdateMemoryConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UpdateMemoryConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(r => StoreConflictRetry.Configure(r, retries: 2));
}
