using MassTransit;

namespace Mem0.Api.Bus;

/// <summary>
/// Tells waiting requests when the broker connection has come back: MassTransit readies each receive endpoint again
/// after a reconnect, the reply endpoint among them. A reply sent while the connection was down went nowhere, so a
/// request that sees this re-sends its command (<see cref="CommandSender"/>). It connects itself to the running bus
/// when first used: registered with MassTransit's own observer registration, the bus's start could hang on resolving it.
/// </summary>
public sealed class BusReconnects : IReceiveEndpointObserver
{
    private TaskCompletionSource _next = New();

    public BusReconnects(IBusControl bus) => bus.ConnectReceiveEndpointObserver(this);

    /// <summary>Completes at the next time an endpoint becomes ready after this call.</summary>
    public Task NextReadyAsync() => Volatile.Read(ref _next).Task;

    public Task Ready(ReceiveEndpointReady ready)
    {
        Interlocked.Exchange(ref _next, New()).TrySetResult();
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
