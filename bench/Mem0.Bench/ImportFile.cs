using System.Text;

namespace Mem0.Bench;

/// <summary>An export to import: short distinct highlights, as a Readwise CSV (the importer's simplest format).</summary>
public static class ImportFile
{
    private static readonly string[] Books = ["Field Notes", "The Garden Year", "Small Engines", "Letters from Porto", "Night Trains"];

    public static void WriteReadwiseCsv(string path, int count)
    {
        var csv = new StringBuilder("Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n");
        for (var i = 0; i < count; i++)
        {
            // The corpus repeats its sentence shapes after a few thousand; a number makes every highlight its own.
            var highlight = $"{Corpus.Sentence(i).TrimEnd('.')}, entry {i}.";
            csv.Append('"').Append(highlight).Append("\",").Append(Books[i % Books.Length]).Append(",Bench Author,,,yellow,,location,")
                .Append(i).Append(",2025-0").Append(1 + i % 9).Append("-1").Append(i % 10).Append(" 10:00:00+00:00,\n");
        }
        File.WriteAllText(path, csv.ToString());
    }
}
