using Mem0.Cli.Import;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Imports;

/// <summary>
/// `mem0 import` against the real host with small exports written for these tests (Imports/Samples): what is
/// sent, how it is tagged, dry runs, re-runs and malformed files.
/// </summary>
public sealed class Importing_exports
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Imports", "Samples", name);

    private static async Task<(int Exit, string Out, string Err)> Import(HttpClient api, string format, string path, ImportOptions? options = null)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await ImportCommand.RunAsync(api, format, path, options ?? new ImportOptions(), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<List<System.Text.Json.JsonElement>> Memories(HttpClient api) =>
        (await api.GetJson("/api/v1/memories?limit=100")).Body.GetProperty("results").EnumerateArray().ToList();

    [Fact]
    public void A_chatgpt_conversation_is_read_along_its_current_branch_user_and_assistant_only()
    {
        var items = ChatGptExport.Read(Sample("conversations.json"), "chatgpt");

        Assert.Equal(2, items.Count);
        Assert.Equal(
            [("user", "I grow courgettes on my allotment in Bath."), ("assistant", "Courgettes like sun."),
             ("user", "My neighbour Agatha keeps hens."), ("assistant", "Hens are good company.")],
            items[0].Messages);
        Assert.Equal("Planning the vegetable patch", items[0].Metadata["title"]!.GetValue<string>());
        Assert.Equal("conv-garden", items[0].Metadata["conversation_id"]!.GetValue<string>());
        Assert.Equal([("user", "I am taking the night train to Vienna in March.")], items[1].Messages);
    }

    [Fact]
    public async Task A_chatgpt_import_sends_one_payload_per_conversation_tagged_and_a_second_run_adds_nothing()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();

        var dry = await Import(api, "chatgpt", Sample("conversations.json"), new ImportOptions(DryRun: true));
        Assert.Equal(0, dry.Exit);
        Assert.Contains("dry run: 2 item(s)", dry.Out);
        Assert.Empty(await Memories(api));

        var first = await Import(api, "chatgpt", Sample("conversations.json"));
        Assert.Equal(0, first.Exit);
        Assert.Contains("added 2, deduplicated 0, failed 0", first.Out);
        var stored = await Memories(api);
        Assert.Equal(["I am taking the night train to Vienna in March.", "I grow courgettes on my allotment in Bath.", "My neighbour Agatha keeps hens."],
            stored.Select(m => m.GetProperty("memory").GetString()).Order());
        Assert.All(stored, m => Assert.Equal("import:chatgpt", m.GetProperty("agent_id").GetString()));
        Assert.All(stored, m => Assert.Equal("import:chatgpt", m.GetProperty("metadata").GetProperty("source").GetString()));

        var again = await Import(api, "chatgpt", Sample("conversations.json"));
        Assert.Contains("added 0, deduplicated 2, failed 0", again.Out);
        Assert.Contains("[########################] 2/2  added 0, deduplicated 2, failed 0", again.Out);
        Assert.Equal(3, (await Memories(api)).Count);
    }

    [Fact]
    public async Task An_obsidian_vault_gives_one_memory_per_note_without_front_matter_and_a_limit_stops_early()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();

        var trial = await Import(api, "obsidian", Sample("vault"), new ImportOptions(Source: "notes", Limit: 1));
        Assert.Contains("1 item(s): added 1", trial.Out);
        var full = await Import(api, "obsidian", Sample("vault"), new ImportOptions(Source: "notes"));
        Assert.Contains("2 item(s): added 1, deduplicated 1, failed 0", full.Out);

        var stored = (await Memories(api)).ToDictionary(m => m.GetProperty("metadata").GetProperty("path").GetString()!);
        Assert.Equal(["Projects/Shed.md", "Sourdough.md"], stored.Keys.Order());
        var sourdough = stored["Sourdough.md"];
        Assert.Equal("My sourdough starter is called Bartholomew and lives in the fridge.", sourdough.GetProperty("memory").GetString());
        Assert.Equal(("Sourdough", "import:notes"), (sourdough.GetProperty("metadata").GetProperty("title").GetString(), sourdough.GetProperty("agent_id").GetString()));
    }

    [Fact]
    public async Task A_readwise_csv_gives_one_memory_per_highlight_with_its_note_book_and_author()
    {
        var items = ReadwiseCsv.Read(Sample("readwise.csv"), "readwise");

        Assert.Equal(2, items.Count);
        Assert.Equal("Small habits, repeated daily, compound.\nNote: Start with two minutes", items[0].Content);
        Assert.Equal(("Atomic Habits", "James Clear"), (items[0].Metadata["book"]!.GetValue<string>(), items[0].Metadata["author"]!.GetValue<string>()));
        Assert.Equal("Attention is the rarest form of generosity.", items[1].Content);

        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        var run = await Import(api, "readwise", Sample("readwise.csv"));
        Assert.Equal(0, run.Exit);
        Assert.All(await Memories(api), m => Assert.Equal("import:readwise", m.GetProperty("agent_id").GetString()));
    }

    [Fact]
    public async Task A_malformed_export_fails_naming_the_file_and_position_and_sends_nothing()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();

        var broken = await Import(api, "chatgpt", Sample("broken.json"));
        var notCsv = await Import(api, "readwise", Sample("conversations.json"));

        Assert.Equal(2, broken.Exit);
        Assert.Matches(@"broken\.json: not valid JSON at line \d+, byte \d+", broken.Err);
        Assert.Equal(2, notCsv.Exit);
        Assert.Contains("no Highlight column", notCsv.Err);
        Assert.Empty(await Memories(api));
    }
}
