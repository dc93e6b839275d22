using System.Text.Json.Serialization;
using Mem0.Api.Memories.Add;

namespace Mem0.Api.Memories.AddBatch;

/// <summary>
/// One item's answer, at its index in the request: `status` is what the single add would have answered; a 2xx carries
/// mem0's result list (and `deduplicated`, `memory_id` on a fingerprint hit), anything else the stable error's `error`
/// and `detail`.
/// </summary>
public sealed record AddBatchItem(
    int Index,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AddedMemory>? Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deduplicated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? MemoryId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail);

/// <summary>Every item's answer in the request's order, and the counts: items that added or changed memories, repeats, failures.</summary>
public sealed record AddBatchResponse(IReadOnlyList<AddBatchItem> Items, int Added, int Deduplicated, int Failed);
