using MassTransit;
using Prometheus;
using Mem0.Api.Errors;
using Mem0.Contracts.Replies;
using Mem0.Settings;

namespace Mem0.Api.Bus;

/// <summary>
/// Sends a command to its queue and awaits the reply. A bus that is down answers 503 at once instead of hanging;
/// no reply in time is a 504; a refusal by the consumer keeps its own status and code.
/// </summary>
public sealed class CommandSender(IBusControl bus, IClientFactory clients, BusOptions settings, ILogger<CommandSender> log)
{
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

        var client = clients.CreateRequestClient<TCommand>(new Uri($"queue:{queue}"), RequestTimeout.After(ms: (int)settings.BusTimeout.TotalMilliseconds));
        using var timer = Observability.ApiMetrics.BusRequests.WithLabels(typeof(TCommand).Name).NewTimer();
        try
        {
            var response = await client.GetResponse<TReply, CommandFailed>(command, ct);
            if (response.Is(out Response<TReply>? reply)) return reply.Message;
            response.Is(out Response<CommandFailed>? failed);
            throw new ApiError(StatusFor(failed!.Message.Error), failed.Message.Error, failed.Message.Detail);
        }
        catch (RequestTimeoutException)
        {
            throw new ApiError(StatusCodes.Status504GatewayTimeout, ErrorCodes.Timeout,
                $"No reply from the extractor within {settings.BusTimeout.TotalSeconds:0.###} s. The write may still complete; retrying is safe.");
        }
        catch (RequestFaultException fault)
        {
            log.LogError("{Command} failed in the consumer: {Fault}", typeof(TCommand).Name,
                string.Join(" | ", fault.Fault?.Exceptions.Select(e => $"{e.ExceptionType}: {e.Message}") ?? []));
            throw new ApiError(StatusCodes.Status500InternalServerError, ErrorCodes.Internal,
                "The extractor failed on this request; its error is in the server log under this request_id. Retrying is safe.");
        }
    }

    private static int StatusFor(string error) => error switch
    {
        ErrorCodes.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.UpstreamProvider => StatusCodes.Status502BadGateway,
        ErrorCodes.BackendUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
