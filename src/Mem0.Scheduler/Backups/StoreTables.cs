using Mem0.Projections.Store;
using Npgsql;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// The tables a backup carries: the event store (streams, events) and the embedding cache, so a restore rebuilds
/// the vector index without the embedding provider. Read models are not carried; a restore rebuilds them.
/// </summary>
public static class StoreTables
{
    public const string Streams = MartenTables.Streams;
    public const string Events = MartenTables.Events;
    public const string Embeddings = MartenTables.Embeddings;
    public const string Views = MartenTables.Views;
    public const string Progression = MartenTables.Progression;
    public const string EventSequence = MartenTables.EventSequence;

    /// <summary>In load order: streams before the events that reference them.</summary>
    public static readonly IReadOnlyList<(string Table, string OrderBy)> Carried =
        [(Streams, "id"), (Events, "seq_id"), (Embeddings, "id")];

    public static Task<IReadOnlyList<string>> ColumnsAsync(NpgsqlConnection conn, string schema, string table, CancellationToken ct) =>
        NamesAsync(conn, "select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position",
            [schema, table], ct);

    /// <summary>Every Marten document table of the schema (`mt_doc_*`).</summary>
    public static Task<IReadOnlyList<string>> DocumentTablesAsync(NpgsqlConnection conn, string schema, CancellationToken ct) =>
        NamesAsync(conn, "select table_name from information_schema.tables where table_schema = $1 and table_name like 'mt\\_doc\\_%' order by 1",
            [schema], ct);

    private static async Task<IReadOnlyList<string>> NamesAsync(NpgsqlConnection conn, string sql, string[] args, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args) cmd.Parameters.AddWithValue(arg);
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
