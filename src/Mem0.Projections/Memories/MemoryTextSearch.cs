using Mem0.Projections.Store;
using Marten;
using Mem0.Projections.Memories.Ranking;
using Mem0.Projections.Vectors;

namespace Mem0.Projections.Memories;

/// <summary>
/// Substring searches over memory text in PostgreSQL, with the same filters as the vector index, applied
/// in SQL before the limit. The expressions match the indexes declared in StoreSetup, so both are index scans.
/// </summary>
public static class MemoryTextSearch
{
    /// <summary>
    /// The expression of the `mem0_memory_updated_at` index, so "most recent first" (a keyword with no word to weigh)
    /// can walk that index and stop at the limit when the keyword is common, instead of sorting every match.
    /// </summary>
    private static string UpdatedAt(IQuerySession session) =>
        $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_immutable_timestamptz(data ->> 'UpdatedAt')";

    /// <summary>
    /// Memories containing the keyword as a case-insensitive substring (also inside words), most relevant first: BM25
    /// of the keyword's words (<paramref name="stats"/>), so a memory that repeats a rare word of the keyword beats one
    /// that repeats a common one, and a short memory beats a long one that mentions it as often; ties (and keywords
    /// that are no whole word, like "hil" in "Philips") newest first. Every match is scored, none skipped.
    /// </summary>
    public static Task<IReadOnlyList<MemoryView>> ContainingAsync(this IQuerySession session, string keyword, TermStatistics stats, VectorFilter filter, int limit, CancellationToken ct)
    {
        var (where, filterArgs) = FilterSql.Views.Of(filter);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        const string contains = "data ->> 'Text' ilike ? escape '\\'";
        var (condition, termArgs) = keyword.Length == 2
            ? ($"{Bigrams(schema, "data ->> 'Text'")} @> {Bigrams(schema, "?")} and {contains}", new object[] { keyword, Like(keyword) })
            : (contains, [Like(keyword)]);
        if (stats.ScoresNothing)
        {
            // Every match would score 0, so the order is newest first: the recency index answers and stops at the limit.
            return session.QueryAsync<MemoryView>($"where {where} and {condition} order by {UpdatedAt(session)} desc limit {limit}", ct,
                [.. filterArgs, .. termArgs]);
        }
        return session.QueryAsync<MemoryView>(
            $"select d.data from {schema}.{MartenTables.Views} d join {schema}.{MemoryTermsTable.Name} m on m.id = d.id " +
            $"where {where} and {condition} order by {TermRanking.ScoreSql("m")} desc, m.updated_at desc limit {limit}", ct,
            [.. filterArgs, .. termArgs, .. TermRanking.ScoreArgs(stats)]);
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
    /// offers to list the pairs (less than half the time of a SQL query over generate_series; bench/results.md), and
    /// every write and a restore pay it per memory. Repeated pairs are kept: GIN stores each
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

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
