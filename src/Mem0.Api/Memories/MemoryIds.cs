using Mem0.Api.Errors;

namespace Mem0.Api.Memories;

public static class MemoryIds
{
    /// <summary>An id that is not a UUID names no memory: 404, like any other unknown id.</summary>
    public static Guid Parse(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw ApiError.MemoryNotFound(id);
}
