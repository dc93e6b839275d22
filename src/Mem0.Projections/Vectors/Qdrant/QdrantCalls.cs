using Grpc.Core;

namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// One Qdrant call with the failures that mean "Qdrant is not there right now" turned into
/// <see cref="VectorStoreUnavailableException"/>: no connection or a refused call (UNAVAILABLE), a call past its
/// deadline, an overloaded server, a connection cut mid-answer (INTERNAL over an I/O error), or no answer within
/// <paramref name="timeout"/> when one is given. Anything else (a wrong request, a missing collection) stays as it is.
/// </summary>
public static class QdrantCalls
{
    public static async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan? timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t) limit.CancelAfter(t);
        try
        {
            return await call(limit.Token);
        }
        catch (Exception ex) when (limit.IsCancellationRequested && !ct.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
            throw new VectorStoreUnavailableException("Qdrant", $"no answer within {timeout!.Value.TotalMilliseconds:0} ms (QDRANT_TIMEOUT_MS)", ex);
        }
        catch (RpcException ex) when (IsUnavailable(ex))
        {
            throw new VectorStoreUnavailableException("Qdrant", $"{ex.StatusCode}: {ex.Status.Detail}", ex);
        }
    }

    public static async Task GuardAsync(Func<CancellationToken, Task> call, TimeSpan? timeout, CancellationToken ct) =>
        await GuardAsync(async token =>
        {
            await call(token);
            return true;
        }, timeout, ct);

    public static bool IsUnavailable(RpcException ex) => ex.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted => true,
        StatusCode.Internal or StatusCode.Unknown => ex.InnerException is IOException or HttpRequestException or System.Net.Sockets.SocketException,
        _ => false,
    };
}
