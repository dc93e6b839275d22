using System.Text.RegularExpressions;

namespace Mem0.Bench.Eval;

/// <summary>The textbook baseline: Okapi BM25 (k1 1.2, b 0.75) over lower-cased word tokens, one index per conversation.</summary>
public sealed partial class Bm25
{
    private readonly List<(string Id, Dictionary<string, int> Terms, int Length)> _docs = [];
    private readonly Dictionary<string, int> _df = [];
    private double _avgLength;

    public Bm25(IEnumerable<(string Id, string Text)> docs)
    {
        foreach (var (id, text) in docs)
        {
            var tokens = Tokens(text);
            var terms = tokens.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            foreach (var term in terms.Keys) _df[term] = _df.GetValueOrDefault(term) + 1;
            _docs.Add((id, terms, tokens.Count));
        }
        _avgLength = _docs.Count == 0 ? 1 : _docs.Average(d => d.Length);
    }

    public IReadOnlyList<string> Search(string query, int limit)
    {
        var terms = Tokens(query).Distinct().ToList();
        var n = _docs.Count;
        return _docs.Select(d => (d.Id, Score: terms.Sum(t =>
            {
                if (!d.Terms.TryGetValue(t, out var tf)) return 0;
                var idf = Math.Log(1 + (n - _df[t] + 0.5) / (_df[t] + 0.5));
                return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * d.Length / _avgLength));
            })))
            .Where(x => x.Score > 0).OrderByDescending(x => x.Score).Take(limit).Select(x => x.Id).ToList();
    }

    public static List<string> Tokens(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
