using System.Security.Cryptography;
using System.Text;

namespace Mem0.Api.Bus;

/// <summary>
/// The id of the command a request sends (<see cref="Contracts.Commands.ICommand"/>). With an `Idempotency-Key` it is
/// derived from the route and the key (<see cref="Idempotency.IdempotencyMiddleware"/> puts it on the request), so a
/// client's retry, even one that reaches another replica after this one died, is the same command to the extractor's
/// inbox; without one it is new for each request.
/// </summary>
public sealed class CommandIds(IHttpContextAccessor http)
{
    public const string ItemKey = "mem0.command-id";

    public (Guid Id, bool FromKey) ForThisRequest() =>
        http.HttpContext?.Items[ItemKey] is Guid keyed ? (keyed, true) : (Guid.CreateVersion7(), false);

    /// <summary>The same 16 bytes for the same route and key, on every replica.</summary>
    public static Guid FromKey(string scopedKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes("mem0-command\n" + scopedKey)).AsSpan(0, 16));
}
