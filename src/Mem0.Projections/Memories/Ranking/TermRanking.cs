using System.Text;
using Marten;
using Mem0.Projections.Vectors;
using Npgsql;

namespace Mem0.Projections.Memories.Ranking;

/// <summary>
/// BM25 over the terms table, in PostgreSQL: the query's words are stemmed there as the texts were, weighed by how many
/// memories in the filter's scope hold them, and the memories holding them scored by term frequency against length.
/// Used by hybrid search as its lexical half and by keyword search to order its substring matches.
/// </summary>
public sealed class TermRanking(IDocumentStore store, NpgsqlDataSource db)
{
    private string Table => $"{store.Options.DatabaseSchemaName}.{MemoryTermsTable.Name}";

    /// <summary>
    /// The BM25 sum of one memory (`{row}.terms`, `{row}.length`) over the weighed query words passed as two array
    /// parameters (lexemes, idfs) followed by the average length. A correlated subquery, so a memory holding none of
    /// the words scores 0 rather than dropping out.
    /// </summary>
    public static string ScoreSql(string row) =>
        // k1 = 1.2 and b = 0.75 (TermStatistics), written out so no culture can print them with a comma.
        $"(select coalesce(sum(w.idf * v.tf * 2.2 / (v.tf + 1.2 * (0.25 + 0.75 * {row}.length / ?::float8))), 0) " +
        $"from (select lexeme, coalesce(cardinality(positions), 1) as tf from unnest({row}.terms)) v " +
        "join unnest(?::text[], ?::float8[]) w(lexeme, idf) on w.lexeme = v.lexeme)";

    /// <summary>The arguments of <see cref="ScoreSql"/>, in its order.</summary>
    public static object[] ScoreArgs(TermStatistics stats) =>
        [stats.AverageLength, stats.Terms.Select(t => t.Lexeme).ToArray(), stats.Terms.Select(t => t.Idf).ToArray()];

    /// <summary>
    /// The query's distinct words and their weights in the scope, in one round trip: the scope's size and average
    /// length from up to <see cref="TermStatistics.ScopeCap"/> of its memories, each word's frequency from the
    /// terms index (counted up to <see cref="TermStatistics.FrequencyCap"/>). Stop words and punctuation yield no word.
    /// </summary>
    public async Task<TermStatistics> StatisticsAsync(string query, VectorFilter filter, CancellationToken ct)
    {
        var table = Table;
        var (where, args) = FilterSql.Terms.Of(filter);
        var sql =
            $"with scope as (select count(*) as n, coalesce(avg(length), 1)::float8 as average from " +
            $"(select length from {table} where {where} limit {TermStatistics.ScopeCap}) s) " +
            "select u.lexeme, d.df, scope.n, scope.average " +
            $"from unnest({MemoryTermsTable.Terms(store.Options.DatabaseSchemaName, "?")}) u cross join scope cross join lateral " +
            $"(select count(*) as df from (select 1 from {table} where {where} and terms @@ " +
            @"('''' || replace(replace(u.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery " +
            $"limit {TermStatistics.FrequencyCap}) m) d";
        var rows = await QueryAsync(sql, [.. args, query, query, .. args],
            r => (Lexeme: r.GetString(0), Frequency: r.GetInt64(1), Scope: r.GetInt64(2), Average: r.GetDouble(3)), ct);
        if (rows.Count == 0) return TermStatistics.None;
        var (scope, average) = (rows[0].Scope, rows[0].Average);
        // A word in more than half the scope says nothing about which memory is meant (a speaker's name on every turn
        // of a conversation); kept, its small weight would still put every memory holding it on the ranked list,
        // where reciprocal-rank fusion counts a place on the list, not the score that earned it.
        return new TermStatistics(
            rows.Where(r => r.Frequency * 2 <= scope).Select(r => new TermWeight(r.Lexeme, r.Frequency, TermStatistics.Idf(scope, r.Frequency))).ToList(),
            Math.Max(1, average));
    }

    /// <summary>
    /// The <paramref name="pool"/> best memories by BM25, best first (ties newest first). Candidates are the memories
    /// holding a word found in at most <paramref name="pool"/> of them (all of those); each is then scored on all the
    /// query's words. A query of common words only has no lexical list: any pool of their holders would be arbitrary
    /// (the newest, say), a list of near-equal scores that fusion would still count place by place, and fetching
    /// every holder of a common word is what made the old hybrid slow.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, double Score)>> RankAsync(TermStatistics stats, VectorFilter filter, int pool, CancellationToken ct)
    {
        var sources = stats.Terms.Where(t => t.DocumentFrequency is > 0 && t.DocumentFrequency <= pool).ToList();
        if (sources.Count == 0) return [];

        var table = Table;
        var (where, filterArgs) = FilterSql.Terms.Of(filter);
        // One branch per word, each a GIN lookup of at most `pool` rows (its counted frequency); the limit only bounds
        // what a write since the count could add.
        var branches = sources.Select(_ => $"(select id from {table} where {where} and terms @@ ?::tsquery limit {pool})");
        var sql =
            $"select m.id, {ScoreSql("m")} as score from ({string.Join(" union ", branches)}) c join {table} m on m.id = c.id " +
            $"order by score desc, m.updated_at desc limit {pool}";
        var args = new List<object>(ScoreArgs(stats));
        foreach (var source in sources) args.AddRange([.. filterArgs, TermStatistics.Quote(source.Lexeme)]);
        var ranked = await QueryAsync(sql, [.. args], r => (Id: r.GetGuid(0), Score: r.GetDouble(1)), ct);
        return ranked.Where(r => r.Score > 0).ToList();
    }

    /// <summary>
    /// Runs <paramref name="sql"/> written with Marten's `?` placeholders (so <see cref="ScoreSql"/> serves both) as
    /// Npgsql's positional `$n` ones; the SQL here holds no other question mark.
    /// </summary>
    private async Task<List<T>> QueryAsync<T>(string sql, object[] args, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var positional = new StringBuilder(sql.Length + 16);
        var n = 0;
        foreach (var c in sql)
        {
            if (c == '?') positional.Append('$').Append(++n);
            else positional.Append(c);
        }
        await using var command = db.CreateCommand(positional.ToString());
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
