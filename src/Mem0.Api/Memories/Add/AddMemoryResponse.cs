using System.Text.Json.Serialization;
using Mem0.Contracts.Replies;

namespace Mem0.Api.Memories.Add;

public sealed record AddedMemory(
    Guid Id,
    string Memory,
    string Event,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PreviousMemory);

/// <summary>mem0's add response; `deduplicated` and `memory_id` appear only on a fingerprint hit.</summary>
public sealed record AddMemoryResponse(
    IReadOnlyList<AddedMemory> Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deduplicated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? MemoryId)
{
    public static AddMemoryResponse From(AddMemoryResult r) => new(
        r.Results.Select(c => new AddedMemory(c.Id, c.Memory, c.Event, c.PreviousMemory)).ToList(),
        r.Deduplicated ? true : null,
        r.Deduplicated ? r.MemoryId : null);
}
