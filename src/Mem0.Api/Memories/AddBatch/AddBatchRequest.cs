using Mem0.Api.Memories.Add;
using Mem0.Api.Validation;

namespace Mem0.Api.Memories.AddBatch;

/// <summary>
/// Up to <see cref="MaxItems"/> adds in one request, each the body of `POST /api/v1/memories`. Only the envelope is
/// checked here: an item that is not a valid add gets its own error in the answer, the others still go in.
/// </summary>
public sealed record AddBatchRequest(List<AddMemoryRequest?>? Items) : IValidatable
{
    public const int MaxItems = 100;

    public string? Validate() =>
        Items is null ? "items is required: a list of add bodies."
        : Items.Count == 0 ? "items must hold at least one add."
        : Items.Count > MaxItems ? $"items may hold at most {MaxItems} adds; send more in several requests."
        : null;
}
