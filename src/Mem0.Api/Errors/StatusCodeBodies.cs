namespace Mem0.Api.Errors;

public static class StatusCodeBodies
{
    /// <summary>Gives bodiless failures (unknown route, wrong method) the same error shape as the rest.</summary>
    public static IApplicationBuilder UseErrorShapeForStatusCodes(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            var status = http.Response.StatusCode;
            var detail = status switch
            {
                404 => $"No route for {http.Request.Method} {http.Request.Path}.",
                405 => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
                _ => $"Request failed with status {status}.",
            };
            await ErrorBody.WriteAsync(http, status, ErrorCodes.ForStatus(status), detail);
        });
}
