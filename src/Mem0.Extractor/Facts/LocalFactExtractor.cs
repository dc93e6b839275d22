using System.Text.RegularExpressions;
using Mem0.Contracts.Model;
using Mem0.Settings;

namespace Mem0.Extractor.Facts;

/// <summary>
/// The local profile's extractor: deterministic and offline. Content is cut into turns (paragraphs, list items, and
/// the lines of a pasted transcript); each turn is stored whole or sentence by sentence (`MEM0_LOCAL_FACTS`). From a
/// chat transcript only the user's turns count (what the assistant said is not the user's memory). Every fact keeps
/// the context that makes it findable: a turn's `[date]` and `Speaker:` go in front of each of its sentences, and a
/// sentence of one or two words ("Yes.", "Haha!") joins its neighbour instead of standing alone. Blank and repeated
/// facts are dropped; nothing else is rewritten.
/// </summary>
public sealed partial class LocalFactExtractor(AiOptions settings) : IFactExtractor
{
    /// <summary>A turn longer than this is split into sentences even when turns are kept whole (one memory per page helps no search).</summary>
    public const int LongestWholeTurn = 1000;

    private readonly bool _wholeTurns = settings.LocalFacts == LocalFactsMode.Turns;

    public string PromptVersion => _wholeTurns ? "local-turns-v2" : "local-sentences-v2";

    public Task<FactExtraction> ExtractAsync(string? content, IReadOnlyList<ChatMessage>? messages, DateTimeOffset? occurredAt, CancellationToken ct) =>
        Task.FromResult(new FactExtraction(Extract(content, messages, _wholeTurns), Ai.TokenUsage.None));

    public static IReadOnlyList<string> Extract(string? content, IReadOnlyList<ChatMessage>? messages, bool wholeTurns = false)
    {
        var sources = content is not null
            ? [content]
            : (messages ?? []).Where(m => string.Equals(m.Role, "user", StringComparison.OrdinalIgnoreCase)).Select(m => m.Content);

        var facts = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in sources)
        {
            foreach (var turn in Turns(text))
            {
                var context = Context().Match(turn).Value;
                var said = Collapse(turn[context.Length..]);
                var prefix = Collapse(context);
                IEnumerable<string> pieces = wholeTurns && said.Length <= LongestWholeTurn ? [said] : Joined(SplitSentences(said));
                foreach (var piece in pieces)
                {
                    if (!piece.Any(char.IsLetterOrDigit)) continue;
                    var fact = prefix.Length == 0 ? piece : $"{prefix} {piece}";
                    if (seen.Add(fact)) facts.Add(fact);
                }
            }
        }
        return facts;
    }

    /// <summary>Paragraphs and list items, and within them each line that opens a transcript turn (`[date] Name:` or `Name:`).</summary>
    private static IEnumerable<string> Turns(string text) =>
        Paragraphs().Split(text).SelectMany(p => TurnStart().Split(p)).Where(t => t.Any(char.IsLetterOrDigit));

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

    /// <summary>
    /// Sentences with a one- or two-word sentence joined to the one before it (or, at the start, the one after): alone,
    /// "Yes." or "Haha, great!" is a memory no question can find and every search can return.
    /// </summary>
    private static IEnumerable<string> Joined(IEnumerable<string> sentences)
    {
        var joined = new List<string>();
        string? pending = null;
        foreach (var sentence in sentences)
        {
            var tiny = Words().Count(sentence) < 3;
            if (pending is not null)
            {
                joined.Add($"{pending} {sentence}");
                pending = null;
            }
            else if (tiny && joined.Count > 0) joined[^1] = $"{joined[^1]} {sentence}";
            else if (tiny) pending = sentence;
            else joined.Add(sentence);
        }
        if (pending is not null) joined.Add(pending);
        return joined;
    }

    private static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    [GeneratedRegex(@"\n\s*\n|\r\n\s*\r\n|\n\s*[-*•]\s+")]
    private static partial Regex Paragraphs();

    /// <summary>A line break before `[date] Name:` or `Name:` (one to three capitalised words).</summary>
    [GeneratedRegex(@"\r?\n(?=\s*(?:\[[^\[\]\r\n]{1,40}\]\s*)?\p{Lu}[\p{L}\p{M}'’.\-]*(?: \p{Lu}[\p{L}\p{M}'’.\-]*){0,2}:\s)")]
    private static partial Regex TurnStart();

    /// <summary>The context at the start of a turn: a bracketed date or time, a speaker's name and colon, or both.</summary>
    [GeneratedRegex(@"^\s*(?:\[[^\[\]\r\n]{1,40}\]\s*)?(?:\p{Lu}[\p{L}\p{M}'’.\-]*(?: \p{Lu}[\p{L}\p{M}'’.\-]*){0,2}:\s+)?")]
    private static partial Regex Context();

    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[\p{Lu}\p{Lo}\d""'“(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
