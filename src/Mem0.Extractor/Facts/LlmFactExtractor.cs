using Mem0.Contracts.Model;
using Mem0.Extractor.Ai;

namespace Mem0.Extractor.Facts;

/// <summary>Fact extraction by the configured chat model, as JSON `{"facts": [...]}`, in the user's language.</summary>
public sealed class LlmFactExtractor(JsonAsk ask, PromptLibrary prompts) : IFactExtractor
{
    public string PromptVersion => PromptLibrary.FactExtraction;

    public sealed record Reply(List<string?>? Facts);

    /// <summary>What the model reads of an input: the note itself, or the transcript as `role: text` lines.</summary>
    public static string ModelInput(string? content, IReadOnlyList<ChatMessage>? messages) =>
        content ?? string.Join('\n', (messages ?? []).Select(m => $"{m.Role}: {m.Content}"));

    public async Task<FactExtraction> ExtractAsync(string? content, IReadOnlyList<ChatMessage>? messages, DateTimeOffset? occurredAt, CancellationToken ct)
    {
        var system = await prompts.RenderAsync(PromptLibrary.FactExtraction, ct, occurredAt);
        var input = ModelInput(content, messages);
        var (reply, usage) = await ask.AskAsync<Reply>(system, input,
            r => r.Facts is null ? "the \"facts\" list is missing" : null, ct);
        var facts = reply.Facts!.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim())
            .DistinctBy(Mem0.Projections.Memories.Fingerprint.Of).ToList();
        return new FactExtraction(facts, usage);
    }
}
