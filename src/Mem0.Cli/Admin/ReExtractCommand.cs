using System.Net.Http.Json;
using System.Text.Json;

namespace Mem0.Cli.Admin;

/// <summary>
/// `mem0 admin re-extract [--since T] [--model M] [--dry-run | --apply]`: asks the server to run its stored inputs
/// through fact extraction again (with its model or M) and prints, per input, the facts that would be added (+), the
/// memories whose text would change (~) and those that would go (-). A dry run (the default) changes nothing;
/// `--apply` writes the difference as new events. Exit 0 when it finished, 1 when it failed or was refused.
/// </summary>
public static class ReExtractCommand
{
    public static async Task<int> RunAsync(HttpClient server, DateTimeOffset? since, string? model, bool apply, TextWriter output, TextWriter error,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/re-extract")
        {
            Content = JsonContent.Create(new Dictionary<string, object?> { ["since"] = since, ["model"] = model, ["apply"] = apply }),
        };
        return await AdminStream.RunAsync(server, request, "re-extraction", async p =>
        {
            switch (p.GetProperty("phase").GetString())
            {
                case "extract":
                    await output.WriteLineAsync($"extracting: {p.GetProperty("sources").GetInt32():N0} inputs");
                    return null;
                case "done":
                    await PrintAsync(p, output);
                    return 0;
                case "failed":
                    await error.WriteLineAsync($"mem0: the re-extraction failed: {p.GetProperty("detail").GetString()} (request {p.GetProperty("request_id").GetString()})");
                    return 1;
                default:
                    return null;
            }
        }, ".", error, ct);
    }

    private static async Task PrintAsync(JsonElement done, TextWriter output)
    {
        foreach (var d in done.GetProperty("differences").EnumerateArray())
        {
            await output.WriteLineAsync($"input {d.GetProperty("source_id").GetGuid()}:");
            foreach (var added in d.GetProperty("added").EnumerateArray()) await output.WriteLineAsync($"  + {added.GetString()}");
            foreach (var c in d.GetProperty("changed").EnumerateArray())
            {
                await output.WriteLineAsync($"  ~ {c.GetProperty("id").GetGuid()}: {c.GetProperty("from").GetString()} -> {c.GetProperty("to").GetString()}");
            }
            foreach (var g in d.GetProperty("gone").EnumerateArray()) await output.WriteLineAsync($"  - {g.GetProperty("id").GetGuid()}: {g.GetProperty("memory").GetString()}");
        }
        var summary = $"{done.GetProperty("sources").GetInt32():N0} inputs re-extracted with {done.GetProperty("model").GetString()} " +
                      $"({done.GetProperty("prompt_version").GetString()}): {done.GetProperty("added").GetInt32()} added, " +
                      $"{done.GetProperty("changed").GetInt32()} changed, {done.GetProperty("gone").GetInt32()} gone.";
        await output.WriteLineAsync(summary);
        await output.WriteLineAsync(done.GetProperty("applied").GetBoolean()
            ? "Applied: the changes are new events; each memory's history keeps its old text."
            : "Dry run: nothing was changed. Run again with --apply to write these changes.");
    }
}
