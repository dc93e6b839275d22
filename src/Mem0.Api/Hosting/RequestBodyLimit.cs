using Mem0.Api.Errors;
using Mem0.Api.Validation;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mem0.Api.Hosting;

/// <summary>
/// Request bodies larger than <see cref="Limits.MaxRequestBodyBytes"/> are refused with 413 in the error shape: by
/// their Content-Length before anything reads them, and by Kestrel's own limit for a chunked body that grows past it
/// (which the exception handler turns into the same answer).
/// </summary>
public static class RequestBodyLimit
{
    public static IServiceCollection AddMem0RequestBodyLimit(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = Limits.MaxRequestBodyBytes);

    public static IApplicationBuilder UseMem0RequestBodyLimit(this IApplicationBuilder app) => app.Use((http, next) =>
        http.Request.ContentLength > Limits.MaxRequestBodyBytes
            ? ErrorBody.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                $"The request body is {http.Request.ContentLength} bytes; at most {Limits.MaxRequestBodyBytes} are accepted.")
            : next(http));
}
