using System.Text.Json;
using Mem0.Api.Errors;
using Mem0.Projections.Vectors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Mem0.Api.Admin;

/// <summary>
/// `POST /api/v1/admin/rebuild-index`: rebuilds the vector index by replay and streams its progress as
/// newline-delimited JSON, one object a line, ending with `"phase": "done"` (or `"failed"` with the error
/// shape). A second call while one runs gets 409 before anything is streamed. Progress is written at most
/// every quarter second, plus the last line.
/// </summary>
public static class RebuildIndexEndpoint
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);

    public static async Task Handle(HttpContext http, VectorIndexRebuilder rebuilder, IOptions<JsonOptions> json, ILogger<VectorIndexRebuilder> log)
    {
        var options = json.Value.SerializerOptions;
        var lastWrite = DateTime.MinValue;
        var lines = new NdjsonLines(http, options);
        Task Write(object line) => lines.WriteAsync(line);

        try
        {
            await rebuilder.RunAsync(async p =>
            {
                if (p.Phase != "done" && DateTime.UtcNow - lastWrite < ReportEvery) return;
                lastWrite = DateTime.UtcNow;
                await Write(new { p.Phase, p.Events, p.Memories, p.Indexed, seconds = Math.Round(p.Seconds, 2),
                    memories_per_second = p.Phase == "done" && p.Seconds > 0 ? Math.Round(p.Memories / p.Seconds) : (double?)null });
            }, http.RequestAborted);
        }
        catch (RebuildAlreadyRunningException ex)
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status409Conflict, ErrorCodes.Conflict, ex.Message);
        }
        catch (Exception ex) when (http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // The status line is gone already; the failure travels as the last line, in the error shape.
            log.LogError(ex, "Index rebuild failed; the live index was left as it was");
            await Write(new { phase = "failed", error = ErrorCodes.Internal, detail = "The rebuild failed; the live index was left as it was.", request_id = http.TraceIdentifier });
        }
    }
}
