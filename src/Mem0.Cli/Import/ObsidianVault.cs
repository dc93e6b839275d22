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
            var (frontMatter, note) = FrontMatter(File.ReadAllText(file));
            var body = note.Trim();
            if (body.Length == 0) continue;
            var metadata = new JsonObject
            {
                ["source"] = $"import:{source}",
                ["title"] = Path.GetFileNameWithoutExtension(file),
                ["path"] = relative.Replace(Path.DirectorySeparatorChar, '/'),
            };
            // The note's own date when its front matter has one (`date:` or `created:`), else when the file was last written.
            var occurred = DateOf(frontMatter) ?? new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
            items.Add(new ImportItem(relative, body, null, metadata, occurred));
        }
        return items;
    }

    /// <summary>`date:` or `created:` of a front matter, when it is a time.</summary>
    private static DateTimeOffset? DateOf(string? frontMatter) =>
        frontMatter?.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim() is "date" or "created")
            .Select(kv => ImportItem.Time(kv[1].Trim().Trim('"', '\'')))
            .FirstOrDefault(at => at is not null);

    /// <summary>
    /// A leading block between two `---` lines is front matter, not the note: its lines (null when there is none) and
    /// the note after it, line ends normalised.
    /// </summary>
    private static (string? Block, string Body) FrontMatter(string text)
    {
        var normalised = text.Replace("\r\n", "\n");
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal)) return (null, normalised);
        var end = normalised.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0) return (null, normalised);
        var after = normalised.IndexOf('\n', end + 4);
        return (normalised[4..end], after < 0 ? "" : normalised[(after + 1)..]);
    }
}
