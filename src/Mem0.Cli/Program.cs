using System.CommandLine;
using Mem0.Cli;
using Mem0.Cli.Admin;

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

var admin = new Command("admin", "Operator tasks on a running server.") { rebuild };
var root = new RootCommand("mem0: the command line of mem0-server.") { url, apiKey, admin, health, smoke };
return await root.Parse(args).InvokeAsync();
