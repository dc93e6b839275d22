namespace Mem0.Api.Errors;

/// <summary>The guide's stable failure shape: `{"detail", "error", "request_id"}`.</summary>
public sealed record ErrorBody(string Detail, string Error, string RequestId)
{
    public static Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ErrorBody(detail, code, http.TraceIdentifier));
    }

    public static IResult Result(HttpContext http, int status, string code, string detail) =>
        TypedResults.Json(new ErrorBody(detail, code, http.TraceIdentifier), statusCode: status);
}
