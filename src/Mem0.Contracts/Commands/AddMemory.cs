using System.Text.Json;
using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

/// <summary>
/// Store what `Content` or `Messages` says. `Fingerprint` is computed by the sender from the normalised
/// input; the consumer checks it again under the store's unique constraint. `CommandId` makes a redelivery or a
/// re-send of the same command answer with the first one's result (see <see cref="ICommand"/>); it is also the id of
/// the source the add records. `OccurredAt` is when the content happened, when the caller knows (imports).
/// </summary>
public sealed record AddMemory(
    Guid CommandId,
    string? Content,
    IReadOnlyList<ChatMessage>? Messages,
    string Fingerprint,
    bool Dedup,
    string UserId,
    string? RunId,
    Dictionary<string, JsonElement>? Metadata,
    Provenance By,
    DateTimeOffset? OccurredAt = null) : ICommand;
