using Mem0.Contracts.Model;

namespace Mem0.Extractor.Facts;

/// <summary>
/// Step one of mem0's add pipeline: content or a transcript becomes self-contained facts. <c>occurredAt</c> is the
/// content's own date when the caller gave one, so relative dates in it resolve against that day, not today.
/// </summary>
public interface IFactExtractor
{
    string PromptVersion { get; }
    Task<FactExtraction> ExtractAsync(string? content, IReadOnlyList<ChatMessage>? messages, DateTimeOffset? occurredAt, CancellationToken ct);
}
