using System.CommandLine;
using Mem0.Cli;
using Mem0.Cli.Admin;
using Mem0.Cli.Capture;
using Mem0.Cli.Import;
using Mem0.Cli.Import.Mem0Server;

var url = new Option<string?>("--base-url", "--url") { Description = $"The server's base URL (env MEM0_URL, default {ServerConnection.DefaultUrl})", Recursive = true };
var apiKey = new Option<string?>("--api-key") { Description = "The server's API key (env MEM0_API_KEY)", Recursive = true };

var rebuild = new Command("rebuild-index", "Rebuild the vector index by replaying every memory stream, then swap it in. " +
    "Searches keep using the old index until the swap; texts already embedded come from the cache.");
rebuild.SetAction(async (parse, ct) =>
{
    if (ServerConnection.Resolve(parse.GetValue(url), parse.GetValue(apiKey), Console.Error) is not { } server) return 2;
    using var client = server.CreateClient();
    return await RebuildIndexCommand.RunAsync(client, Console.Out, Console.Error, ct);
});

var reSince = new Option<DateTimeOffset?>("--since") { Description = "Only inputs stored from this time on (ISO 8601)" };
var reModel = new Option<string?>("--model") { Description = "Another model than the server's MEM0_LLM_MODEL (local profile: local-sentences or local-turns)" };
var reDry = new Option<bool>("--dry-run") { Description = "Report the difference only (the default)" };
var reApply = new Option<bool>("--apply") { Description = "Write the difference as new events (history keeps the old texts)" };
var reExtract = new Command("re-extract", "Run the stored inputs through fact extraction again (the current prompts, the server's model or " +
    "--model) and print what would be added, changed and gone against today's memories; --apply writes it.") { reSince, reModel, reDry, reApply };
reExtract.SetAction(async (parse, ct) =>
{
    if (parse.GetValue(reDry) && parse.GetValue(reApply))
    {
        Console.Error.WriteLine("mem0: --dry-run and --apply contradict each other; give one.");
        return 2;
    }
    if (ServerConnection.Resolve(parse.GetValue(url), parse.GetValue(apiKey), Console.Error) is not { } server) return 2;
    using var client = server.CreateClient();
    return await ReExtractCommand.RunAsync(client, parse.GetValue(reSince), parse.GetValue(reModel), parse.GetValue(reApply), Console.Out, Console.Error, ct);
});

var health = new Command("health", "Ask the server's /healthz; exit 0 when it is healthy, 1 otherwise.");
health.SetAction(async (parse, ct) =>
{
    var target = parse.GetValue(url) ?? Environment.GetEnvironmentVariable("MEM0_URL") ?? ServerConnection.DefaultUrl;
    if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
    {
        Console.Error.WriteLine($"mem0: the server URL must be http(s)://host[:port] (got '{target}').");
        return 2;
    }
    using var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(5) };
    return await HealthCommand.RunAsync(client, Console.Out, Console.Error, ct);
});

var smoke = new Command("smoke", "Check REST and MCP end to end against a live server (adds one memory and deletes it); exit 0 when all pass.");
smoke.SetAction(async (parse, ct) =>
{
    if (ServerConnection.Resolve(parse.GetValue(url), parse.GetValue(apiKey), Console.Error) is not { } server) return 2;
    using var client = server.CreateClient();
    return await SmokeCommand.RunAsync(client, Console.Out, ct);
});

var import = new Command("import", "Seed the store from an export: chatgpt (conversations.json), obsidian (a vault folder), readwise (CSV); " +
    "or take in the Python mem0-server's store (mem0-server).");
var limit = new Option<int?>("--limit") { Description = "Stop after this many items (a trial run)", Recursive = true };
var dryRun = new Option<bool>("--dry-run") { Description = "Read and report without writing or sending anything", Recursive = true };
import.Options.Add(limit);
import.Options.Add(dryRun);
foreach (var (format, what) in new[] { ("chatgpt", "a ChatGPT export's conversations.json"), ("obsidian", "an Obsidian vault folder"), ("readwise", "a Readwise CSV export") })
{
    var path = new Argument<string>("path") { Description = $"The export: {what}" };
    var source = new Option<string?>("--source") { Description = $"Provenance tag: agent_id becomes import:<source> (default: {format})" };
    var concurrency = new Option<int>("--concurrency") { Description = "Batch requests in flight at once", DefaultValueFactory = _ => 4 };
    var batchSize = new Option<int>("--batch-size") { Description = $"Items per batch request (1-{ImportCommand.MaxBatch})", DefaultValueFactory = _ => 50 };
    var fromExport = new Command(format, $"Add every item of {what} through the server's REST API.") { path, source, concurrency, batchSize };
    fromExport.SetAction(async (parse, ct) =>
    {
        var options = new ImportOptions(parse.GetValue(source), parse.GetValue(limit), parse.GetValue(dryRun), parse.GetValue(concurrency),
            Interactive: !Console.IsOutputRedirected, BatchSize: parse.GetValue(batchSize));
        HttpClient client;
        if (options.DryRun) client = new HttpClient();
        else if (ServerConnection.Resolve(parse.GetValue(url), parse.GetValue(apiKey), Console.Error) is { } server) client = server.CreateClient();
        else return 2;
        using (client) return await ImportCommand.RunAsync(client, format, parse.GetValue(path)!, options, Console.Out, Console.Error, ct);
    });
    import.Subcommands.Add(fromExport);
}

var qdrantUrl = new Option<string>("--qdrant-url") { Description = "The Python service's Qdrant, its gRPC address (http://host:6334)", Required = true };
var qdrantKey = new Option<string?>("--qdrant-api-key") { Description = "That Qdrant's API key, if it needs one" };
var legacyCollection = new Option<string>("--collection") { Description = "The collection it stored memories in", DefaultValueFactory = _ => "memories" };
var historyDb = new Option<string?>("--history-db") { Description = "Its SQLite history (history.db): each memory's stream gets its past ADD/UPDATE events" };
var legacyModel = new Option<string>("--embedding-model")
{
    Description = "The model it embedded with (its MEM0_EMBED_MODEL): vectors are reused when it and the dimension are the server's",
    DefaultValueFactory = _ => "text-embedding-3-small",
};
var fromMem0Server = new Command("mem0-server", "Take in the Python mem0-server's store: every point of its Qdrant collection as a memory with its id, " +
    "text, ids, metadata and times, with its history when --history-db is given. Writes to the database (MEM0_DATABASE_URL) directly; re-runs add nothing.")
    { qdrantUrl, qdrantKey, legacyCollection, historyDb, legacyModel };
fromMem0Server.SetAction(async (parse, ct) =>
{
    if (!Uri.TryCreate(parse.GetValue(qdrantUrl), UriKind.Absolute, out var qdrant) || qdrant.Scheme is not ("http" or "https"))
    {
        Console.Error.WriteLine($"mem0: --qdrant-url must be http(s)://host:port, Qdrant's gRPC address (got '{parse.GetValue(qdrantUrl)}').");
        return 2;
    }
    if (AdminServices.LoadSettings(Console.Error) is not { } settings) return 2;
    var options = new Mem0ServerImportOptions(qdrant, parse.GetValue(qdrantKey), parse.GetValue(legacyCollection)!, parse.GetValue(historyDb),
        parse.GetValue(dryRun), parse.GetValue(limit), parse.GetValue(legacyModel)!);
    return await Mem0ServerImport.RunAsync(settings, options, Console.Out, Console.Error, ct);
});
import.Subcommands.Add(fromMem0Server);

var telegram = new Command("telegram", "Run the Telegram capture bot: TELEGRAM_BOT_TOKEN, TELEGRAM_ALLOWED_CHAT_IDS (blank: discovery mode), " +
    "CAPTURE_AGENT_ID, TELEGRAM_POLL_TIMEOUT.");
telegram.SetAction(async (parse, ct) =>
{
    if (CaptureOptions.FromEnvironment(Console.Error) is not { } options) return 2;
    if (ServerConnection.Resolve(parse.GetValue(url), parse.GetValue(apiKey), Console.Error) is not { } server) return 2;
    using var memory = server.CreateClient();
    using var telegramHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(options.PollTimeoutSeconds + 30) };
    var bot = new Telegram.Bot.TelegramBotClient(options.Token, telegramHttp);
    try { await new TelegramCapture(bot, memory, options, Console.Out).RunAsync(ct); }
    catch (OperationCanceledException) { }
    return 0;
});
var capture = new Command("capture", "Capture bots that save what you send them.") { telegram };

var backupDir = new Option<string?>("--dir") { Description = "Write the backup into this folder (instead of BACKUP_DIR; S3_BUCKET still gets a copy when set)" };
var backup = new Command("backup", "Back up the event store and the embedding cache now, to BACKUP_DIR and/or S3_BUCKET, and print where it went. " +
    "Works on the database (MEM0_DATABASE_URL, MEM0_DATABASE_SCHEMA) directly, so the server may be stopped.") { backupDir };
backup.SetAction(async (parse, ct) =>
{
    var overrides = parse.GetValue(backupDir) is { } dir ? new Dictionary<string, string?> { ["BACKUP_DIR"] = dir } : null;
    if (AdminServices.LoadSettings(Console.Error, overrides) is not { } settings) return 2;
    return await BackupCommand.RunAsync(settings, Console.Out, Console.Error, ct);
});

var listDir = new Option<string?>("--dir") { Description = "List this folder instead of BACKUP_DIR" };
var backups = new Command("backups", "List the backups in BACKUP_DIR and under S3_BUCKET/S3_PREFIX, newest first.") { listDir };
backups.SetAction(async (parse, ct) =>
{
    var overrides = parse.GetValue(listDir) is { } dir ? new Dictionary<string, string?> { ["BACKUP_DIR"] = dir } : null;
    if (AdminServices.LoadSettings(Console.Error, overrides, needsDatabase: false) is not { } settings) return 2;
    return await ListBackupsCommand.RunAsync(settings.Backups, Console.Out, Console.Error, ct);
});

var restoreFrom = new Argument<string>("from") { Description = "A backup file, or an object in S3_BUCKET: its key, its file name under S3_PREFIX, or s3://bucket/key" };
var force = new Option<bool>("--force") { Description = "Replace what the database holds (by default a restore only goes into an empty store)" };
var restore = new Command("restore", "Restore a backup into the database: verify it, load the events and cached vectors, rebuild the views and " +
    "the vector index. Run it with the server stopped.") { restoreFrom, force };
restore.SetAction(async (parse, ct) =>
{
    if (AdminServices.LoadSettings(Console.Error) is not { } settings) return 2;
    return await RestoreCommand.RunAsync(settings, parse.GetValue(restoreFrom)!, parse.GetValue(force), Console.Out, Console.Error, ct);
});

var admin = new Command("admin", "Operator tasks: rebuild-index and re-extract ask a running server; backup and restore work on its database directly.")
    { rebuild, reExtract, backup, backups, restore };
var root = new RootCommand("mem0: the command line of mem0-server.") { url, apiKey, admin, health, smoke, import, capture };
return await root.Parse(args).InvokeAsync();

// Internal on purpose: the tests reference this tool beside the API, whose Program is the public one.
internal partial class Program;
