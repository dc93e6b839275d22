using Microsoft.Data.Sqlite;

namespace Mem0.Cli.Import.Mem0Server;

/// <summary>
/// mem0's SQLite history (`history.db`): the `history` table, read in the order it was written (rowid; its ids are
/// random UUIDs). Its columns are `memory_id, old_memory, new_memory, event, created_at, updated_at, is_deleted`
/// (plus `actor_id`, `role`); the oldest mem0 releases named them `prev_value, new_value, timestamp`, read too.
/// </summary>
public static class LegacyHistory
{
    public static IReadOnlyDictionary<Guid, List<LegacyHistoryRow>> Read(string path)
    {
        if (!File.Exists(path)) throw new ImportFormatException($"{path}: no such history database");
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        db.Open();
        var columns = ColumnsOf(db);
        if (columns.Count == 0) throw new ImportFormatException($"{path}: no `history` table (is it mem0's history.db?)");
        string Column(string current, string old) =>
            columns.Contains(current) ? current : columns.Contains(old) ? old : "null";
        using var select = db.CreateCommand();
        select.CommandText =
            $"select memory_id, event, {Column("old_memory", "prev_value")}, {Column("new_memory", "new_value")}, " +
            $"{Column("created_at", "timestamp")}, {Column("updated_at", "timestamp")}, {Column("is_deleted", "is_deleted")} from history order by rowid";
        var rows = new Dictionary<Guid, List<LegacyHistoryRow>>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || !Guid.TryParse(reader.GetString(0), out var memory)) continue;
            string? Text(int i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            var row = new LegacyHistoryRow(memory, (Text(1) ?? "").ToUpperInvariant(), Text(2), Text(3), LegacyPayload.Time(Text(4)),
                LegacyPayload.Time(Text(5)), Text(6) is "1" or "true");
            if (!rows.TryGetValue(memory, out var list)) rows[memory] = list = [];
            list.Add(row);
        }
        return rows;
    }

    private static HashSet<string> ColumnsOf(SqliteConnection db)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var info = db.CreateCommand();
        info.CommandText = "pragma table_info(history)";
        using var r = info.ExecuteReader();
        while (r.Read()) columns.Add(r.GetString(1));
        return columns;
    }
}
