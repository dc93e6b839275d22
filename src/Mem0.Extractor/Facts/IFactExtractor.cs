using Mem0.Contracts.Model;

namespace Mem0.Extractor.Facts;

/// <summary>Step one of mem0's add pipeline: content or a transcript becomes self-contained facts.</summary>
public interface IFactExtractor
{
    string PromptVersion { get; }
    Task<FactExtraction> ExtractAsync(string? content, IReadOnlyList<ChatMessage>? messages, CancellationToken ct);
}
