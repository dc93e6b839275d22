using System.Collections.Concurrent;
using Grpc.Core;

namespace Mem0.QdrantStandIn.Wire;

/// <summary>
/// What every call passes first: the API key (Qdrant's `api-key` header, when the stand-in has one), the fault
/// switches, and a count of calls per method, so a test can see what the server asked.
/// </summary>
public sealed class CallGate(StandInFaults faults, string? apiKey)
{
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public async Task EnterAsync(string method, ServerCallContext call)
    {
        Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (apiKey is not null && call.RequestHeaders.GetValue("api-key") != apiKey)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Invalid api-key"));
        }
        await faults.ApplyAsync(call.GetHttpContext(), call.CancellationToken);
    }
}
