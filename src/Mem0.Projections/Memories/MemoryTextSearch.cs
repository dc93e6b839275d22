using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Mem0.Projections.Vectors;

namespace Mem0.Projections.Memories;

/// <summary>
/// Substring searches over memory text in PostgreSQL, with the same filters as the vector index, applied
/// in SQL before the limit. The expressions match the indexes declared in StoreSetup, so both are index scans.
/// </summary>
public static partial class MemoryTextSearch
{
    /// <summary>
    /// The expression of the `mem0_memory_updated_at` index, so "most recent first" can walk that index and stop at
    /// the limit when a keyword is common, instead of sorting every match.
    /// </summary>
    private static string UpdatedAt(IQuerySession session) =>
        $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_immutable_timestamptz(data ->> 'UpdatedAt')";

    /// <summary>
    /// Memories containing any of the terms as case-insensitive substrings (also inside words), most recently changed
    /// first. Keyword search is the one-term case.
    /// </summary>
    public static Task<IReadOnlyList<MemoryView>> ContainingAnyAsync(this IQuerySession session, IReadOnlyList<string> terms, VectorFilter filter, int limit, CancellationToken ct)
    {
        if (terms.Count == 0) return Task.FromResult<IReadOnlyList<MemoryView>>([]);
        var (where, filterArgs) = Where(filter);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        const string contains = "data ->> 'Text' ilike ? escape '\\'";
        string Contains(string term) => term.Length == 2 ? $"{Bigrams(schema, "data ->> 'Text'")} @> {Bigrams(schema, "?")} and {contains}" : contains;
        object[] TermArgs(string term) => term.Length == 2 ? [term, Like(term)] : [Like(term)];
        var updatedAt = UpdatedAt(session);
        if (terms.Count == 1)
        {
            return session.QueryAsync<MemoryView>($"where {where} and {Contains(terms[0])} order by {updatedAt} desc limit {limit}", ct,
                [.. filterArgs, .. TermArgs(terms[0])]);
        }
        // One branch per term, each planned alone: a rare term is a trigram index lookup, a common one a walk down
        // the recency index that stops at the limit. Joined by OR, one plan serves both badly (a common capitalised
        // word beside a rare identifier fetched and sorted thousands of rows: 60 ms at 100,000 memories).
        var table = $"{schema}.mt_doc_memoryview";
        var branches = terms.Select(t =>
            $"(select data, {updatedAt} as updated from {table} where {where} and {Contains(t)} order by {updatedAt} desc limit {limit})");
        var args = terms.SelectMany(t => filterArgs.Concat(TermArgs(t))).ToArray();
        return session.QueryAsync<MemoryView>(
            $"select data from ({string.Join(" union ", branches)}) matches order by updated desc limit {limit}", ct, args);
    }

    /// <summary>
    /// The set of lowercase character pairs of a text, as SQL: `mem0_bigrams(expression)`. Every pair of a term is
    /// in the set of any text that contains the term (ilike lowercases with the same `lower()`), so "the text's
    /// pairs include the term's" is a safe first cut that a GIN index answers, and ilike then decides. Used for
    /// terms of two characters, which the trigram index cannot serve.
    /// </summary>
    public static string Bigrams(string schema, string expression) => $"{schema}.mem0_bigrams({expression})";

    /// <summary>
    /// Written as PostgreSQL prints it back (pg_get_functiondef): Marten compares the two at every start and
    /// replaces a function that differs, which the index built on it does not allow. So a change to this body
    /// needs a migration that drops the index first. A PL/pgSQL loop, because it is the cheapest way PostgreSQL
    /// offers to list the pairs (the pairs of 100,000 memories: 1.1 s, against 2.7 s as a SQL query over
    /// generate_series), and every write and a restore pay it per memory. Repeated pairs are kept: GIN stores each
    /// key once per row anyway.
    /// </summary>
    public static string BigramsFunction(string schema) =>
        $"CREATE OR REPLACE FUNCTION {schema}.mem0_bigrams(value text)\n" +
        " RETURNS text[]\n" +
        " LANGUAGE plpgsql\n" +
        " IMMUTABLE PARALLEL SAFE STRICT\n" +
        "AS $function$ declare lowered text := lower(value); pairs text[] := '{}'; begin " +
        "for i in 1 .. length(lowered) - 1 loop pairs := pairs || substr(lowered, i, 2); end loop; return pairs; end $function$;";

    private static string Like(string term) => "%" + EscapeLike(term) + "%";

    /// <summary>
    /// The query's names and identifiers as typed: words with a digit ("INV-88213"), a capital after the first
    /// letter ("iPhone", "NASA"), or a leading capital not at the start of a sentence ("from Philips"; not "Who").
    /// Hybrid search matches them exactly, beside the semantic list.
    /// </summary>
    public static IReadOnlyList<string> Identifiers(string query) =>
        Word().Matches(query)
            .Select(m => (Text: m.Value.Trim('-', '_', '.'), SentenceStart: StartsSentence(query, m.Index)))
            .Where(w => w.Text.Length >= 2 &&
                        (w.Text.Any(char.IsDigit) || w.Text.Skip(1).Any(char.IsUpper) || (char.IsUpper(w.Text[0]) && !w.SentenceStart)))
            .Select(w => w.Text.ToLowerInvariant()).Distinct().Take(32).ToList();

    private static bool StartsSentence(string text, int index)
    {
        var before = text[..index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or '(' or '"' or ':';
    }

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
