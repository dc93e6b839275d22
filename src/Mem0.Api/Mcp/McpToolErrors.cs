using Mem0.Extractor.Ai;
using Mem0.Api.Errors;
using Mem0.Api.Validation;
using Mem0.Projections.Embeddings;
using ModelContextProtocol;

namespace Mem0.Api.Mcp;

/// <summary>
/// What goes wrong in a tool becomes a tool error (`isError: true`) with a message a model can act on, never a
/// protocol failure: the same words REST puts in `detail`. Unexpected failures are logged and named by request id.
/// </summary>
public static class McpToolErrors
{
    public static void ThrowIfInvalid(IValidatable request)
    {
        if (request.Validate() is { } problem) throw new McpException(problem);
    }

    public static async Task<T> RunAsync<T>(Func<Task<T>> tool, HttpContext? http, ILogger log)
    {
        try
        {
            return await tool();
        }
        catch (ApiError e)
        {
            throw new McpException(e.Message);
        }
        catch (ProviderException e)
        {
            log.LogWarning("MCP request {RequestId}: provider failed: {Message}", http?.TraceIdentifier, e.Message);
            throw new McpException($"The AI provider failed: {e.Message} Retry shortly; nothing was stored.");
        }
        catch (Mem0.Projections.Vectors.VectorStoreUnavailableException e)
        {
            throw new McpException($"The vector store ({e.Store}) is unreachable or too slow, so semantic search cannot answer. Retry shortly.");
        }
        catch (Npgsql.NpgsqlException e) when (e.IsTransient)
        {
            log.LogWarning("MCP request {RequestId}: PostgreSQL unavailable: {Message}", http?.TraceIdentifier, e.Message);
            throw new McpException("The memory store (PostgreSQL) is unreachable. Retry shortly.");
        }
        catch (Exception e) when (e is not (McpException or OperationCanceledException))
        {
            log.LogError(e, "MCP request {RequestId} failed unexpectedly", http?.TraceIdentifier);
            throw new McpException($"Unexpected failure; quote request id {http?.TraceIdentifier} when reporting it.");
        }
    }
}
