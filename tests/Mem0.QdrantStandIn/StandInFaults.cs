using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Mem0.QdrantStandIn;

/// <summary>
/// Switches that make the stand-in misbehave the ways a real Qdrant does: slow (every call waits first), refusing
/// (every call answers UNAVAILABLE, as Qdrant does while it loads or is overloaded), or dropping (every call's
/// connection is cut before an answer). Down altogether (nothing listening) is <see cref="QdrantStandIn.StopAsync"/>.
/// </summary>
public sealed class StandInFaults
{
    private volatile Fault _fault = Fault.None;

    public TimeSpan Delay { get; private set; }

    public void Slow(TimeSpan delay)
    {
        Delay = delay;
        _fault = Fault.Slow;
    }

    public void Refuse() => _fault = Fault.Refuse;
    public void Drop() => _fault = Fault.Drop;
    public void Clear() => _fault = Fault.None;

    public async Task ApplyAsync(HttpContext http, CancellationToken ct)
    {
        switch (_fault)
        {
            case Fault.Slow:
                await Task.Delay(Delay, ct);
                break;
            case Fault.Refuse:
                throw new RpcException(new Status(StatusCode.Unavailable, "Service unavailable (the stand-in is refusing calls)"));
            case Fault.Drop:
                http.Abort();
                throw new RpcException(new Status(StatusCode.Unavailable, "connection dropped"));
        }
    }

    private enum Fault { None, Slow, Refuse, Drop }
}
