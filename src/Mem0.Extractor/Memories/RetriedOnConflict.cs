using MassTransit;

namespace Mem0.Extractor.Memories;

/// <summary>
/// The definition of a consumer that changes one memory (update, delete): two retries after a lost race or a
/// transient database error, each on the memory as it is then (<see cref="StoreConflictRetry"/>).
/// </summary>
public sealed class RetriedOnConflict<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public const int Retries = 2;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(r => StoreConflictRetry.Configure(r, Retries));
}
