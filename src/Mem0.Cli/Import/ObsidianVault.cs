using System.Text.Json.Nodes;

namespace Mem0.Cli.Import;

/// <summary>An Obsidian vault: one memory per non-empty note, YAML front matter stripped, path and title kept.</summary>
public static class ObsidianVault
{
    public static IReadOnlyList<ImportItem> Read(string folder, string source)
    {
        if (!Directory.Exists(folder)) throw new ImportFormatException($"{folder}: not a folder (an Obsidian vault is one).");
        var items = new List<ImportItem>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.'))) continue; // .obsidian, .trash
            var body = StripFrontMatter(File.ReadAllText(file)).Trim();
            if (body.Length == 0) continue;
            var metadata = new JsonObject
            {
                ["source"] = $"import:{source}",
                ["title"] = Path.GetFileNameWithoutExtension(file),
                ["path"] = relative.Replace(Path.DirectorySeparatorChar, '/'),
            };
            items.Add(new ImportItem(relative, body, null, metadata));
        }
        return items;
    }

    /// <summary>A leading block between two `---` lines is front matter, not the note.</summary>
    public static string StripFrontMatter(string text)
    {
        var normalised = text.Replace("\r\n", "\n");
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal)) return normalised;
        var end = normalised.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0) return normalised;
        var after = normalised.IndexOf('\n', end + 4);
        return after < 0 ? "" : normalised[(after + 1)..];
    }
}
