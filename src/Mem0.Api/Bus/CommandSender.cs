using MassTransit;
using Prometheus;
using Mem0.Api.Errors;
using Mem0.Contracts.Replies;
using Mem0.Settings;

namespace Mem0.Api.Bus;

/// <summary>
/// Sends a command to its queue and awaits the reply. A bus that is down answers 503 at once instead of hanging; no
/// reply within MEM0_BUS_TIMEOUT_SECONDS is a 504; a refusal by the consumer keeps its own status and code. When the
/// broker connection drops and comes back while a request waits, the reply may have been lost with it: the command
/// is sent again with the same id, and the extractor's inbox answers with the first run's result if it ran. The
/// connection is watched through the bus's health (in memory, every <see cref="Watch"/>): an observer connected to
/// the bus could hang the bus's start when it was first resolved during it.
/// </summary>
public sealed class CommandSender(IBusControl bus, IClientFactory clients, BusOptions settings, ILogger<CommandSender> log)
{
    public static readonly TimeSpan Watch = TimeSpan.FromMilliseconds(250);

    public async Task<TReply> SendAsync<TCommand, TReply>(TCommand command, string queue, CancellationToken ct)
        where TCommand : class
        where TReply : class
    {
        var health = bus.CheckHealth();
        if (health.Status == BusHealthStatus.Unhealthy)
        {
            log.LogWarning("Bus unhealthy, refusing {Command}: {Description}", typeof(TCommand).Name, health.Description);
            throw new ApiError(StatusCodes.Status503ServiceUnavailable, ErrorCodes.BackendUnavailable,
                "The message bus is unreachable; nothing was written. Retry shortly.");
        }

        var client = clients.CreateRequestClient<TCommand>(new Uri($"queue:{queue}"));
        using var timer = Observability.ApiMetrics.BusRequests.WithLabels(typeof(TCommand).Name).NewTimer();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var remaining = settings.BusTimeout - waited.Elapsed;
            if (remaining <= TimeSpan.Zero) throw NoReply();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var request = client.GetResponse<TReply, CommandFailed>(command, attempt.Token, RequestTimeout.After(ms: (int)Math.Ceiling(remaining.TotalMilliseconds)));
            if (!await RepliedOrSurvivedAsync(request, ct))
            {
                await attempt.CancelAsync();
                Observe(request);
                log.LogWarning("The broker connection came back while {Command} waited for its reply; sending it again", typeof(TCommand).Name);
                Observability.ApiMetrics.CommandsResent.WithLabels(typeof(TCommand).Name).Inc();
                continue;
            }
            try
            {
                return Answer(await request);
            }
            catch (RequestTimeoutException)
            {
                throw NoReply();
            }
            catch (RequestFaultException fault)
            {
                log.LogError("{Command} failed in the consumer: {Fault}", typeof(TCommand).Name,
                    string.Join(" | ", fault.Fault?.Exceptions.Select(e => $"{e.ExceptionType}: {e.Message}") ?? []));
                throw new ApiError(StatusCodes.Status500InternalServerError, ErrorCodes.Internal,
                    "The extractor failed on this request; its error is in the server log under this request_id. Retrying is safe.");
            }
            catch (Exception ex) when (ex is not (ApiError or OperationCanceledException) && bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                // The send itself failed with the connection: wait for it to come back, then send again.
                log.LogWarning("{Command} could not be sent ({Message}); waiting for the broker", typeof(TCommand).Name, ex.Message);
                await WaitForTheBrokerAsync(waited, ct);
            }
        }

        ApiError NoReply() => new(StatusCodes.Status504GatewayTimeout, ErrorCodes.Timeout,
            $"No reply from the extractor within {settings.BusTimeout.TotalSeconds:0.###} s. The write may still complete; retrying with the same Idempotency-Key is safe.");
    }

    /// <summary>The consumer's reply, or its refusal in the stable error shape with the refusal's own status.</summary>
    private static TReply Answer<TReply>(Response<TReply, CommandFailed> response) where TReply : class
    {
        if (response.Is(out Response<TReply>? reply)) return reply.Message;
        response.Is(out Response<CommandFailed>? failed);
        throw new ApiError(StatusFor(failed!.Message.Error), failed.Message.Error, failed.Message.Detail);
    }

    /// <summary>Until the bus is connected again; a 503 once the request has used up the bus timeout waiting.</summary>
    private async Task WaitForTheBrokerAsync(System.Diagnostics.Stopwatch waited, CancellationToken ct)
    {
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (waited.Elapsed >= settings.BusTimeout)
            {
                throw new ApiError(StatusCodes.Status503ServiceUnavailable, ErrorCodes.BackendUnavailable,
                    "The message bus went away during this request and did not come back in time. Retrying with the same Idempotency-Key is safe.");
            }
            await Task.Delay(Watch, ct);
        }
    }

    /// <summary>
    /// Waits for the request to end; false when, meanwhile, the bus lost its broker connection and got it back (the
    /// reply may have gone with the old connection). A request that ends in the meantime is true either way.
    /// </summary>
    private async Task<bool> RepliedOrSurvivedAsync(Task request, CancellationToken ct)
    {
        var sawDown = false;
        while (!request.IsCompleted)
        {
            await Task.WhenAny(request, Task.Delay(Watch, ct));
            if (request.IsCompleted) return true;
            var healthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
            if (!healthy) sawDown = true;
            else if (sawDown) return false;
        }
        return true;
    }

    /// <summary>An abandoned attempt still ends (cancelled); its exception is not left unobserved.</summary>
    private static void Observe(Task request) => request.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

    /// <summary>The HTTP status of a consumer's refusal code.</summary>
    public static int StatusFor(string error) => error switch
    {
        ErrorCodes.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorCodes.UpstreamProvider => StatusCodes.Status502BadGateway,
        ErrorCodes.BackendUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
