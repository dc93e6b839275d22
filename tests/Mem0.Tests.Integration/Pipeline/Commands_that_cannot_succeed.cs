using Mem0.Api.Bus;
using Mem0.Api.Errors;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;
using Mem0.Tests.Integration.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>
/// A command that reaches the extractor and cannot succeed (here a NUL character, which the API refuses before
/// sending, sent on the bus directly as another sender could) is answered at once, as the client's mistake, and
/// leaves nothing behind: no memory, and no copy of the user's text in a RabbitMQ `_error` queue.
/// </summary>
public sealed class Commands_that_cannot_succeed
{
    [Fact]
    public async Task A_command_the_store_refuses_is_answered_at_once_as_422_and_not_kept_in_an_error_queue()
    {
        // A long bus timeout: a 504 would take this long, so a 422 can only be the fault's own answer.
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_BUS_TIMEOUT_SECONDS"] = "90" });
        var api = await host.ReadyAsync();
        var sender = host.Services.GetRequiredService<CommandSender>();
        var command = new AddMemory(Guid.CreateVersion7(), "hello\u0000world, the gate code is 0451", null, Fingerprint.Of("hello\u0000world"), true, "default-user", null, null,
            new Provenance("bus-sender", "rest"));

        var refused = await Assert.ThrowsAsync<ApiError>(() =>
            sender.SendAsync<AddMemory, AddMemoryResult>(command, CommandQueues.AddMemory(host.Schema), CancellationToken.None));

        Assert.Equal((422, ErrorCodes.Validation), (refused.Status, refused.Code));
        Assert.StartsWith("The store cannot keep a value of this request (PostgreSQL 22P05", refused.Message);
        Assert.Empty(await api.ListIds());
        Assert.Equal(0u, await MessagesInAsync(CommandQueues.AddMemory(host.Schema) + "_error"));
    }

    private static async Task<uint> MessagesInAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMqUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0; // the queue does not exist at all
        }
    }
}
