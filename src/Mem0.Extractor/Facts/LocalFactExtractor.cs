using System.Text.RegularExpressions;
using Mem0.Contracts.Model;

namespace Mem0.Extractor.Facts;

/// <summary>
/// The local profile's extractor: deterministic and offline. Plain content is split into sentences, each a fact;
/// from a transcript only the user's turns count (what the assistant said is not the user's memory). Blank and
/// repeated sentences are dropped; nothing else is rewritten.
/// </summary>
public sealed partial class LocalFactExtractor : IFactExtractor
{
    public string PromptVersion => "local-sentences-v1";

    public Task<FactExtraction> ExtractAsync(string? content, IReadOnlyList<ChatMessage>? messages, CancellationToken ct) =>
        Task.FromResult(new FactExtraction(Extract(content, messages), Ai.TokenUsage.None));

    public static IReadOnlyList<string> Extract(string? content, IReadOnlyList<ChatMessage>? messages)
    {
        var sources = content is not null
            ? [content]
            : (messages ?? []).Where(m => string.Equals(m.Role, "user", StringComparison.OrdinalIgnoreCase)).Select(m => m.Content);

        var facts = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in sources)
        {
            foreach (var sentence in SplitSentences(text))
            {
                if (seen.Add(Collapse(sentence))) facts.Add(sentence);
            }
        }
        return facts;
    }

    public static IEnumerable<string> SplitSentences(string text)
    {
        // A sentence ends at . ! ? (or a line break) followed by space and a capital, digit or quote, so
        // "v1.2", "e.g. this" and "3.5 kg" stay whole; a blank line always ends one.
        foreach (var paragraph in Paragraphs().Split(text))
        {
            foreach (var piece in SentenceEnd().Split(paragraph))
            {
                var sentence = Collapse(piece).Trim('-', '*', '•', ' ');
                if (sentence.Any(char.IsLetterOrDigit)) yield return sentence;
            }
        }
    }

    private static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    [GeneratedRegex(@"\n\s*\n|\r\n\s*\r\n|\n\s*[-*•]\s+")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[\p{Lu}\p{Lo}\d""'“(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
