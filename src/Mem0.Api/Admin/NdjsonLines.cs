using System.Text.Json;

namespace Mem0.Api.Admin;

/// <summary>
/// The long admin operations answer as newline-delimited JSON, one object a line, flushed as written, so the caller
/// sees progress; the status line (200) goes with the first. A failure before it still gets the error shape.
/// </summary>
public sealed class NdjsonLines(HttpContext http, JsonSerializerOptions options)
{
    public async Task WriteAsync(object line)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.ContentType = "application/x-ndjson";
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
        await http.Response.WriteAsync(JsonSerializer.Serialize(line, options) + "\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
