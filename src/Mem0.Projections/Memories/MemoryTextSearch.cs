using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Mem0.Projections.Vectors;

namespace Mem0.Projections.Memories;

/// <summary>
/// Word and substring searches over memory text in PostgreSQL, with the same filters as the vector index, applied
/// in SQL before the limit. The expressions match the indexes declared in StoreSetup, so both are index scans.
/// </summary>
public static partial class MemoryTextSearch
{
    /// <summary>Language-neutral: no stemming or stop words, so names, identifiers and any language match as written.</summary>
    public const string TextSearchConfig = "simple";

    /// <summary>
    /// The expression of the `mem0_memory_updated_at` index, so "most recent first" can walk that index and stop at
    /// the limit when a keyword is common, instead of sorting every match.
    /// </summary>
    private static string UpdatedAt(IQuerySession session) =>
        $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_immutable_timestamptz(data ->> 'UpdatedAt')";

    /// <summary>
    /// Full-text rank is computed row by row, so a query word found in a large share of the store would rank
    /// thousands of rows. Ranking stops at this many index matches; rare words (names, identifiers) rank fully.
    /// </summary>
    private const int RankedCandidates = 200;
    private const string TsVector = $"to_tsvector('{TextSearchConfig}', data ->> 'Text')";

    /// <summary>Case-insensitive substring, also inside words; most recently changed first.</summary>
    public static Task<IReadOnlyList<MemoryView>> SubstringAsync(this IQuerySession session, string needle, VectorFilter filter, int limit, CancellationToken ct)
    {
        var (where, args) = Where(filter);
        args.Add("%" + EscapeLike(needle) + "%");
        return session.QueryAsync<MemoryView>($"where {where} and data ->> 'Text' ilike ? escape '\\' order by {UpdatedAt(session)} desc limit {limit}", ct, [.. args]);
    }

    /// <summary>Memories holding any of the terms as words, those matching more and closer first.</summary>
    public static async Task<IReadOnlyList<MemoryView>> WordsAsync(this IQuerySession session, IReadOnlyList<string> terms, VectorFilter filter, int limit, CancellationToken ct)
    {
        if (terms.Count == 0) return [];
        var tsQuery = string.Join(" | ", terms.Select(t => $"'{t}'"));
        var (where, args) = Where(filter);
        args.Add(tsQuery);
        args.Add(tsQuery);
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_memoryview";
        return await session.QueryAsync<MemoryView>(
            $"where id in (select id from {table} where {where} and {TsVector} @@ to_tsquery('{TextSearchConfig}', ?) limit {RankedCandidates}) " +
            $"order by ts_rank_cd({TsVector}, to_tsquery('{TextSearchConfig}', ?)) desc, {UpdatedAt(session)} desc limit {limit}", ct, [.. args]);
    }

    /// <summary>Words of two characters or more, lowercased, with anything tsquery would read as syntax removed.</summary>
    public static IReadOnlyList<string> Terms(string query) =>
        Tokens(query).Select(t => t.ToLowerInvariant()).Distinct().Take(32).ToList();

    /// <summary>
    /// The query's names and identifiers: words with a digit or a capital letter as typed ("INV-88213", "Philips").
    /// Full-text rank has no notion of rarity, so these get a ranked list of their own in hybrid search.
    /// </summary>
    public static IReadOnlyList<string> Identifiers(string query) =>
        Tokens(query).Where(t => t.Any(char.IsDigit) || t.Any(char.IsUpper)).Select(t => t.ToLowerInvariant()).Distinct().Take(32).ToList();

    private static IEnumerable<string> Tokens(string query) =>
        Word().Matches(query).Select(m => m.Value.Trim('-', '_', '.')).Where(t => t.Length >= 2);

    private static (string Where, List<object> Args) Where(VectorFilter f)
    {
        var sql = new StringBuilder("data ->> 'UserId' = ?");
        var args = new List<object> { f.UserId };
        void Eq(string field, string? value)
        {
            if (value is null) return;
            sql.Append($" and data ->> '{field}' = ?");
            args.Add(value);
        }
        Eq("AgentId", f.AgentId);
        Eq("RunId", f.RunId);
        Eq("Source", f.Source);
        Eq("Confidence", f.Confidence);
        Eq("ReviewStatus", f.ReviewStatus);
        if (f.NotExpiredAt is { } now)
        {
            sql.Append(" and (data ->> 'ExpiresAt' is null or (data ->> 'ExpiresAt')::timestamptz > ?)");
            args.Add(now);
        }
        return (sql.ToString(), args);
    }

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-_.]*")]
    private static partial Regex Word();
}
