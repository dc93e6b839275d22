using System.Security.Cryptography;
using System.Text;

namespace Mem0.Api.Bus;

/// <summary>
/// The id of the command a request sends (<see cref="Contracts.Commands.ICommand"/>). With an `Idempotency-Key` it is
/// derived from the route and the key (<see cref="Idempotency.IdempotencyMiddleware"/> puts it on the request), so a
/// client's retry, even one that reaches another replica after this one died, is the same command to the extractor's
/// inbox; without one it is new for each request. The response names it (`Mem0-Command-Id`): every event the request
/// appended carries it, so "what did this request change" has an answer in the history.
/// </summary>
public sealed class CommandIds(IHttpContextAccessor http)
{
    public const string ItemKey = "mem0.command-id";
    public const string Header = "Mem0-Command-Id";

    public (Guid Id, bool FromKey) ForThisRequest()
    {
        var context = http.HttpContext;
        var (id, fromKey) = context?.Items[ItemKey] is Guid keyed ? (keyed, true) : (Guid.CreateVersion7(), false);
        if (context is { Response.HasStarted: false }) context.Response.Headers[Header] = id.ToString();
        return (id, fromKey);
    }

    /// <summary>The same 16 bytes for the same route and key, on every replica.</summary>
    public static Guid FromKey(string scopedKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes("mem0-command\n" + scopedKey)).AsSpan(0, 16));
}
