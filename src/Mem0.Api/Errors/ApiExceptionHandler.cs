using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Mem0.Api.Errors;

/// <summary>
/// The one place exceptions become responses. Client mistakes (bad JSON, wrong types) are 422 like the guide's
/// validation errors; anything unexpected is a 500 whose body holds only the request id, never internals.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        switch (exception)
        {
            case ApiError e:
                if (e.Status >= 500) log.LogWarning("Request {RequestId} failed: {Code} {Detail}", http.TraceIdentifier, e.Code, e.Message);
                await ErrorBody.WriteAsync(http, e.Status, e.Code, e.Message);
                return true;
            case BadHttpRequestException e when e.StatusCode is StatusCodes.Status400BadRequest:
                await ErrorBody.WriteAsync(http, StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation, Describe(e));
                return true;
            case BadHttpRequestException e:
                await ErrorBody.WriteAsync(http, e.StatusCode, ErrorCodes.ForStatus(e.StatusCode), e.Message);
                return true;
            case OperationCanceledException when http.RequestAborted.IsCancellationRequested:
                return true;
            case Mem0.Extractor.Ai.ProviderException e:
                log.LogWarning("Request {RequestId}: provider failed: {Message}", http.TraceIdentifier, e.Message);
                await ErrorBody.WriteAsync(http, StatusCodes.Status502BadGateway, ErrorCodes.UpstreamProvider, e.Message);
                return true;
            // Marten wraps the driver's error (MartenCommandException): a database that is down or restarting is
            // transient wherever it sits in the chain.
            case var _ when Projections.Store.StoreErrors.Find<Npgsql.NpgsqlException>(exception, e => e.IsTransient) is { } e:
                log.LogWarning("Request {RequestId}: PostgreSQL unavailable: {Message}", http.TraceIdentifier, e.Message);
                await ErrorBody.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.BackendUnavailable,
                    "The event store (PostgreSQL) is unreachable. Retry shortly.");
                return true;
            case Projections.Vectors.VectorStoreUnavailableException e:
                log.LogWarning("Request {RequestId}: {Message}", http.TraceIdentifier, e.Message);
                await ErrorBody.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.BackendUnavailable,
                    $"The vector store ({e.Store}) is unreachable or too slow; semantic search needs it, other reads and adds work. Retry shortly.");
                return true;
            // Qdrant's client speaks gRPC: a server that is down, refusing or too slow is the vector store's 503.
            case var _ when Projections.Store.StoreErrors.Find<Grpc.Core.RpcException>(exception, e => e.StatusCode is
                         Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded or Grpc.Core.StatusCode.ResourceExhausted) is { } e:
                log.LogWarning("Request {RequestId}: vector store unavailable: {Status}", http.TraceIdentifier, e.StatusCode);
                await ErrorBody.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.BackendUnavailable,
                    "The vector store (Qdrant) is unreachable; semantic search needs it, other reads work. Retry shortly.");
                return true;
            default:
                log.LogError(exception, "Request {RequestId} failed unexpectedly", http.TraceIdentifier);
                await ErrorBody.WriteAsync(http, StatusCodes.Status500InternalServerError, ErrorCodes.Internal,
                    $"Unexpected failure; quote request_id {http.TraceIdentifier} when reporting it.");
                return true;
        }
    }

    /// <summary>Says which field was wrong without echoing internals: the JSON path and what was expected.</summary>
    private static string Describe(BadHttpRequestException e) => e.InnerException switch
    {
        JsonException { Path: { } path } json when json.Message.Contains("could not be converted", StringComparison.Ordinal) =>
            $"Request body has a value of the wrong type at {path}.",
        JsonException { Path: { } path } => $"Request body is not valid JSON (near {path}).",
        JsonException => "Request body is not valid JSON.",
        _ when BindFailure().Match(e.Message) is { Success: true } m =>
            $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(m.Groups["name"].Value)} has a value of the wrong type.",
        _ => e.Message.Replace("\"", "'"),
    };

    [GeneratedRegex("""Failed to bind parameter "(?:\S+ )?(?<name>\w+)" from""")]
    private static partial Regex BindFailure();
}
