using System.ComponentModel;
using Mem0.Api.Memories;
using Mem0.Api.Memories.Get;
using Mem0.Api.Memories.Search;
using Mem0.Settings;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static Mem0.Api.Mcp.McpToolErrors;

namespace Mem0.Api.Mcp;

public sealed record ConnectorHit(string Id, string Title, string Url);

public sealed record ConnectorSearchResult(IReadOnlyList<ConnectorHit> Results);

public sealed record ConnectorDocument(string Id, string Title, string Text, string Url, Dictionary<string, object?> Metadata);

/// <summary>
/// `search` and `fetch` in the shape ChatGPT connectors and deep research look for, so the store works there
/// without any prompting. Each memory is a document whose URL is its REST address.
/// </summary>
[McpServerToolType]
public sealed class ConnectorTools(SearchMemoriesHandler searcher, GetMemoryHandler getter, AuthOptions settings,
    IHttpContextAccessor http, ILogger<ConnectorTools> log)
{
    private const int TitleLength = 80;

    [McpServerTool(Name = "search", Title = "Search memory documents", ReadOnly = true, OpenWorld = false)]
    [Description("Search the user's long-term memory for documents relevant to the query. Returns up to 10 results " +
        "with id, title and url; pass an id to fetch for the full text.")]
    public Task<CallToolResult> Search(
        [Description("What to look for, in natural language.")] string query,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var request = new SearchMemoriesRequest(query, Limit: 10);
            ThrowIfInvalid(request);
            var results = await searcher.SearchAsync(request, ct);
            var hits = results.Select(m => new ConnectorHit(m.Id.ToString(), Title(m.Memory), Url(m.Id))).ToList();
            return ToolResults.Of(new ConnectorSearchResult(hits), MemoryTools.Describe(results, "No memory matches that query."));
        }, http.HttpContext, log);

    [McpServerTool(Name = "fetch", Title = "Fetch a memory document", ReadOnly = true, OpenWorld = false)]
    [Description("Fetch one memory document by the id a search returned: its full text, url and metadata.")]
    public Task<CallToolResult> Fetch(
        [Description("The document id from search.")] string id,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var m = await getter.GetAsync(id, ct);
            var metadata = new Dictionary<string, object?>
            {
                ["created_at"] = m.CreatedAt,
                ["updated_at"] = m.UpdatedAt,
                ["agent_id"] = m.AgentId,
                ["run_id"] = m.RunId,
            };
            foreach (var (key, value) in m.Metadata ?? []) metadata.TryAdd(key, value);
            return ToolResults.Of(new ConnectorDocument(m.Id.ToString(), Title(m.Memory), m.Memory, Url(m.Id), metadata), m.Memory);
        }, http.HttpContext, log);

    private static string Title(string text) => text.Length <= TitleLength ? text : text[..(TitleLength - 1)].TrimEnd() + "…";

    private string Url(Guid id) => $"{settings.PublicBaseUrl}/api/v1/memories/{id}";
}
