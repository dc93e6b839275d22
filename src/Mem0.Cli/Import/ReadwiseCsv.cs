using System.Text.Json.Nodes;
using CsvHelper;

namespace Mem0.Cli.Import;

/// <summary>Readwise's CSV export: one memory per highlight, with its note; book title and author in metadata.</summary>
public static class ReadwiseCsv
{
    public static IReadOnlyList<ImportItem> Read(string path, string source)
    {
        if (!File.Exists(path)) throw new ImportFormatException($"{path}: no such file.");
        using var csv = CsvReader.FromText(File.ReadAllText(path), new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        csv.ReadHeader();
        if (!csv.TryGetFieldIndex("Highlight", out var highlightColumn))
        {
            throw new ImportFormatException($"{path}: not a Readwise export: the header has no Highlight column.");
        }
        var items = new List<ImportItem>();
        while (csv.Read())
        {
            var highlight = csv.GetString(highlightColumn).Trim();
            if (highlight.Length == 0) continue;
            var note = Field(csv, "Note");
            var metadata = new JsonObject { ["source"] = $"import:{source}" };
            if (Field(csv, "Book Title") is { } book) metadata["book"] = book;
            if (Field(csv, "Book Author") is { } author) metadata["author"] = author;
            if (Field(csv, "Highlighted at") is { } at) metadata["highlighted_at"] = at;
            var content = note is null ? highlight : $"{highlight}\nNote: {note}";
            items.Add(new ImportItem($"line {csv.LineNumber}", content, null, metadata, ImportItem.Time(Field(csv, "Highlighted at"))));
        }
        return items;
    }

    private static string? Field(CsvReader csv, string name) =>
        csv.TryGetFieldIndex(name, out var i) && i < csv.FieldCount && csv.GetString(i).Trim() is { Length: > 0 } value ? value : null;
}
