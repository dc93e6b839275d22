namespace Mem0.Projections.Memories.Ranking;

/// <param name="Lexeme">A query word as the terms table stores it (lower-cased, stemmed).</param>
/// <param name="DocumentFrequency">Memories in scope holding it, counted up to <see cref="TermStatistics.FrequencyCap"/>.</param>
public sealed record TermWeight(string Lexeme, long DocumentFrequency, double Idf);

/// <summary>
/// What BM25 needs to know about a query in a scope: each query word's weight (rare words weigh more, a word in every
/// memory weighs nothing) and the scope's average text length. Exact for scopes up to <see cref="ScopeCap"/> memories
/// (a conversation, most users' whole store); beyond that the counts stop there, so a larger scope is weighed as if it
/// held that many memories: words in more than a fifth of them weigh the least, alike. That bounds the cost of a
/// search at any store size (two index lookups per word) where exact counts would read every matching row.
/// </summary>
public sealed record TermStatistics(IReadOnlyList<TermWeight> Terms, double AverageLength)
{
    public const int ScopeCap = 5000;
    public const int FrequencyCap = 1000;

    public static readonly TermStatistics None = new([], 1);

    /// <summary>No query word is held by any memory in scope, so every memory scores 0 (a stop-word query, "hil").</summary>
    public bool ScoresNothing => Terms.All(t => t.DocumentFrequency == 0);

    /// <summary>BM25 (Okapi, k1 = 1.2 and b = 0.75 in TermRanking.ScoreSql): its idf, kept positive: ln(1 + (N − df + ½) / (df + ½)).</summary>
    public static double Idf(long scope, long frequency) =>
        Math.Log(1 + (Math.Max(scope, frequency) - frequency + 0.5) / (frequency + 0.5));

    /// <summary>A lexeme as a one-word `tsquery` literal: quoted, with quotes and backslashes doubled.</summary>
    public static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
