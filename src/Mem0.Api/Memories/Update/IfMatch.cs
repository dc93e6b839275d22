using Mem0.Api.Errors;
using Microsoft.Extensions.Primitives;

namespace Mem0.Api.Memories.Update;

/// <summary>
/// `If-Match` on an update (RFC 9110 13.1.1): absent or `*` asks for no version; one entity tag, strong or weak
/// (the weak form is taken as its version too: clients copy what they got), names the version the caller read.
/// Anything else cannot match any version of a memory, so it is 412 as the RFC says, never a silent overwrite.
/// </summary>
public static class IfMatch
{
    public static long? ExpectedVersion(StringValues header)
    {
        var value = header.ToString().Trim();
        if (value.Length == 0 || value == "*") return null;
        var tag = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && long.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, null, out var version))
        {
            return version;
        }
        throw new ApiError(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed,
            "If-Match must be the ETag a get of this memory returned (one quoted version number, e.g. \"3\"), or *.");
    }
}
