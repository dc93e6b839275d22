using System.CommandLine;
using Mem0.Cli;
using Mem0.Cli.Admin;

var url = new Option<string?>("--url") { Description = $"The server's base URL (env MEM0_URL, default {ServerConnection.DefaultUrl})", Recursive = true };
var apiKey = new Option<string?>("--api-key") { Description = "The server's API key (env MEM0_API_KEY)", Recursive = true };

var rebuild = new Command("rebuild-index", "Rebuild the vector index by replaying every memory stream, then swap it in. " +
    "Searches keep using the old index until the swap; texts already embedded come from the cache.");
rebuild.SetAction(async (parse, ct) =>
{
    if (ServerConnection.Resolve(parse.GetValue(url), parse.GetValue(apiKey), Console.Error) is not { } server) return 2;
    using var client = server.CreateClient();
    return await RebuildIndexCommand.RunAsync(client, Console.Out, Console.Error, ct);
});

var admin = new Command("admin", "Operator tasks on a running server.") { rebuild };
var root = new RootCommand("mem0: the command line of mem0-server.") { url, apiKey, admin };
return await root.Parse(args).InvokeAsync();
