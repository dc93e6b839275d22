using MassTransit;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Replies;

namespace Mem0.Extractor.Health;

/// <summary>Answers /healthz's ping, proving a command can reach an extractor and its reply come back.</summary>
public sealed class PingConsumer : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context) => context.RespondAsync(new Pong(context.Message.Id));
}
