using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Mem0.Api.Memories;
using Mem0.Api.Memories.Add;
using Mem0.Api.Memories.Delete;
using Mem0.Api.Memories.Get;
using Mem0.Api.Memories.List;
using Mem0.Api.Memories.Rewind;
using Mem0.Api.Memories.Search;
using Mem0.Api.Memories.Update;
using Mem0.Contracts.Model;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static Mem0.Api.Mcp.McpToolErrors;

namespace Mem0.Api.Mcp;

// Parameter names are the tools' wire names, snake_case like the REST bodies.
#pragma warning disable IDE1006

/// <summary>
/// The six memory tools of the guide and the two undo tools, each a thin wrapper over the code behind the matching REST endpoint.
/// `agent_id` is provenance only: search and list always span the whole store, so every connected agent shares
/// one memory. Descriptions are written for the model that calls them: they are its manual.
/// </summary>
[McpServerToolType]
public sealed class MemoryTools(
    AddMemoryHandler adder, SearchMemoriesHandler searcher, GetMemoryHandler getter, ListMemoriesHandler lister, UpdateMemoryHandler updater,
    DeleteMemoryHandler deleter, RewindMemoryHandler rewinder, IHttpContextAccessor http, ILogger<MemoryTools> log)
{
    [McpServerTool(Name = "add_memory", Title = "Save a memory", Destructive = false, OpenWorld = false)]
    [Description("Save a durable fact about the user or their work (a preference, decision, convention, or context " +
        "they will want recalled later) to the shared long-term memory. Pass one clear statement; longer text is " +
        "split into separate facts. If an equal memory is already stored nothing is added and the existing " +
        "memory's id is returned. Never save secrets, credentials or sensitive personal data. Returns the stored " +
        "facts with their ids and whether each was added, updated or already known.")]
    public Task<CallToolResult> AddMemory(
        [Description("The fact to remember, in plain language, e.g. \"Prefers tabs over spaces in Go code\".")] string content,
        [Description("Optional tag naming the agent or tool saving this (e.g. \"claude-code\"); recorded as provenance only.")] string? agent_id = null,
        [Description("Optional session or workflow run id to group related memories.")] string? run_id = null,
        [Description("Optional JSON object of extra fields kept with the memory (e.g. {\"source\": \"meeting\"}).")] Dictionary<string, JsonElement>? metadata = null,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var request = new AddMemoryRequest(content, AgentId: agent_id, RunId: run_id, Metadata: metadata);
            ThrowIfInvalid(request);
            var response = AddMemoryResponse.From(await adder.AddAsync(request, Surfaces.Mcp, ct));
            string text;
            if (response.Deduplicated == true && response.MemoryId is null)
            {
                text = "Already heard, nothing added: this exact input was saved before and held no fact worth keeping.";
            }
            else if (response.Deduplicated == true)
            {
                var known = await getter.GetAsync(response.MemoryId!.Value.ToString(), ct);
                text = $"Already stored, nothing added: memory {known.Id}: \"{known.Memory}\".";
            }
            else if (response.Results.Count == 0)
            {
                text = "Nothing new to store: every fact in the content is already known.";
            }
            else
            {
                text = "Stored:\n" + string.Join("\n", response.Results.Select(r => $"- {r.Event} {r.Id}: \"{r.Memory}\""));
            }
            return ToolResults.Of(response, text);
        }, http.HttpContext, log);

    [McpServerTool(Name = "search_memories", Title = "Search memories", ReadOnly = true, OpenWorld = false)]
    [Description("Search the shared long-term memory. Call this at the start of a task, before answering, to " +
        "recall the user's preferences, decisions and context on the topic. Searches every memory from every " +
        "agent. Returns the best matches, most relevant first, each with its id, text and score.")]
    public Task<CallToolResult> SearchMemories(
        [Description("What to look for, in natural language (semantic) or exact words (keyword).")] string query,
        [Description("How many results, 1–100. Default 10.")] int? limit = null,
        [Description("\"semantic\" (default, by meaning), \"keyword\" (exact substring, newest first; good for names, ids, numbers) or \"hybrid\" (both, fused).")] string? mode = null,
        [Description("0–1: how much to favour recently created or updated memories. Default 0 (relevance only).")] double? recency_weight = null,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var request = new SearchMemoriesRequest(query, limit, RecencyWeight: recency_weight, Mode: mode);
            ThrowIfInvalid(request);
            var results = await searcher.SearchAsync(request, ct);
            return ToolResults.Of(new SearchMemoriesResponse(results), Describe(results, "No memory matches that query."));
        }, http.HttpContext, log);

    [McpServerTool(Name = "list_memories", Title = "List memories", ReadOnly = true, OpenWorld = false)]
    [Description("List stored memories page by page, oldest first, across every agent. Use it to review what is " +
        "known or to find a memory to update; to look something up, search_memories is better. Returns the page " +
        "and whether more follow.")]
    public Task<CallToolResult> ListMemories(
        [Description("Page size, 1–100. Default 50.")] int? limit = null,
        [Description("How many memories to skip, 0–10000. Default 0.")] int? offset = null,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var query = new ListMemoriesQuery { Limit = limit, Offset = offset };
            ThrowIfInvalid(query);
            var page = await lister.ListAsync(query, ct);
            var text = Describe(page.Results, "No memories stored yet.") +
                (page.Pagination.HasMore ? $"\nMore follow: call again with offset {page.Pagination.Offset + page.Pagination.Limit}." : "");
            return ToolResults.Of(page, text);
        }, http.HttpContext, log);

    [McpServerTool(Name = "get_memory", Title = "Get a memory", ReadOnly = true, OpenWorld = false)]
    [Description("Fetch one memory by its id (from search_memories or list_memories), with its metadata and times.")]
    public Task<CallToolResult> GetMemory(
        [Description("The memory's id.")] string memory_id,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var memory = await getter.GetAsync(memory_id, ct);
            return ToolResults.Of(memory, $"{memory.Id}: \"{memory.Memory}\" (updated {memory.UpdatedAt:u})");
        }, http.HttpContext, log);

    [McpServerTool(Name = "update_memory", Title = "Update a memory", Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Replace the text of an existing memory when a fact has changed, instead of adding a near-duplicate. " +
        "Find the memory first with search_memories or list_memories. The old text stays in the memory's history. " +
        "Returns the memory as it now reads.")]
    public Task<CallToolResult> UpdateMemory(
        [Description("The id of the memory to change.")] string memory_id,
        [Description("The new text: the whole fact as it now stands.")] string content,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var request = new UpdateMemoryRequest(content, null);
            ThrowIfInvalid(request);
            var memory = await updater.UpdateAsync(memory_id, request, Surfaces.Mcp, ct);
            return ToolResults.Of(memory, $"Updated {memory.Id}: \"{memory.Memory}\"");
        }, http.HttpContext, log);

    [McpServerTool(Name = "delete_memory", Title = "Delete a memory", Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Delete one memory by id when it is wrong or the user asks to forget it. Its history is kept.")]
    public Task<CallToolResult> DeleteMemory(
        [Description("The id of the memory to delete.")] string memory_id,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var deleted = await deleter.DeleteAsync(memory_id, Surfaces.Mcp, ct);
            return ToolResults.Of(deleted, $"Deleted memory {deleted.MemoryId}.");
        }, http.HttpContext, log);

    [McpServerTool(Name = "revert_memory", Title = "Revert a memory", Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Put back an earlier text of a memory when a later change was wrong: for example an automatic update " +
        "that replaced a correct fact, or an edit the user takes back. Every version is kept; read the memory's history " +
        "(GET /api/v1/memories/{id}/history, each row has a version) or ask the user which one. The revert is itself a new " +
        "version, so it can be reverted too. Returns the memory as it now reads.")]
    public Task<CallToolResult> RevertMemory(
        [Description("The id of the memory to revert.")] string memory_id,
        [Description("The version whose text comes back (1 is the text it was first saved with).")] long version,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var request = new RevertMemoryRequest(version);
            ThrowIfInvalid(request);
            var memory = await rewinder.RevertAsync(memory_id, request, Surfaces.Mcp, ct);
            return ToolResults.Of(memory, $"Reverted {memory.Id} to the text of version {version}: \"{memory.Memory}\" (now version {memory.Version})");
        }, http.HttpContext, log);

    [McpServerTool(Name = "undelete_memory", Title = "Undelete a memory", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Bring back a memory that was deleted by mistake (by an agent, by the automatic update step, or by " +
        "the user who now wants it back), as it read before the delete. Use the id from the delete's answer or from " +
        "the memory's history. Fails if the memory is not deleted.")]
    public Task<CallToolResult> UndeleteMemory(
        [Description("The id of the deleted memory.")] string memory_id,
        CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            var memory = await rewinder.UndeleteAsync(memory_id, Surfaces.Mcp, ct);
            return ToolResults.Of(memory, $"Restored {memory.Id}: \"{memory.Memory}\"");
        }, http.HttpContext, log);

    internal static string Describe(IReadOnlyList<MemoryResponse> memories, string none)
    {
        if (memories.Count == 0) return none;
        var text = new StringBuilder();
        for (var i = 0; i < memories.Count; i++)
        {
            var m = memories[i];
            text.Append($"{i + 1}. [{m.Id}] {m.Memory}");
            if (m.Score is { } score) text.Append($" (score {score:F2})");
            text.Append('\n');
        }
        return text.ToString().TrimEnd();
    }
}
