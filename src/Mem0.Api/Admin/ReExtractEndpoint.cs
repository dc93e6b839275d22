using System.Text.Json;
using Mem0.Api.Errors;
using Mem0.Api.Validation;
using Mem0.Extractor.Memories.ReExtract;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Mem0.Api.Admin;

/// <summary>`since`: only inputs stored from then on; `model`: another model than the server's; `apply`: write the difference.</summary>
public sealed record ReExtractRequest(DateTimeOffset? Since = null, string? Model = null, bool? Apply = null) : IValidatable
{
    public string? Validate() => Model is { Length: 0 or > 200 } ? "model must be 1 to 200 characters." : null;
}

/// <summary>
/// `POST /api/v1/admin/re-extract`: runs the stored inputs through fact extraction again and streams newline-delimited
/// JSON: `"phase": "extract"` lines with the inputs done so far, then `"done"` with the difference against today's
/// memories (per input: added facts, changed texts, gone memories) and whether it was written (`apply`). A failure
/// after the stream began ends it with `"failed"` in the error shape; a second run while one runs is 409.
/// </summary>
public static class ReExtractEndpoint
{
    public static async Task Handle(HttpContext http, ReExtractRequest body, ReExtraction reExtraction, IOptions<JsonOptions> json, ILogger<ReExtraction> log)
    {
        var options = json.Value.SerializerOptions;
        var lines = new NdjsonLines(http, options);
        Task Write(object line) => lines.WriteAsync(line);

        try
        {
            var report = await reExtraction.RunAsync(body.Since, body.Model, body.Apply == true, done => Write(new { phase = "extract", sources = done }),
                http.RequestAborted);
            await Write(new
            {
                phase = "done", report.Model, report.PromptVersion, report.Sources, report.Added, report.Changed, report.Gone, report.Applied,
                differences = report.Differences.Select(d => new
                {
                    source_id = d.SourceId,
                    added = d.Added,
                    changed = d.Changed.Select(c => new { id = c.Id, from = c.From, to = c.To }),
                    gone = d.Gone.Select(g => new { id = g.Id, memory = g.Text }),
                }),
            });
        }
        catch (ReExtractionRunningException ex)
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status409Conflict, ErrorCodes.Conflict, ex.Message);
        }
        catch (ArgumentException ex) when (!http.Response.HasStarted)
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation, ex.Message);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            log.LogError(ex, "Re-extraction failed");
            var detail = ex is Mem0.Extractor.Ai.ProviderException or Mem0.Extractor.Ai.ModelReplyException ? ex.Message : "The re-extraction failed; see the server log.";
            if (!http.Response.HasStarted)
            {
                await ErrorBody.WriteAsync(http, StatusCodes.Status502BadGateway, ErrorCodes.UpstreamProvider, detail);
                return;
            }
            await Write(new { phase = "failed", error = ErrorCodes.Internal, detail, request_id = http.TraceIdentifier });
        }
    }
}
