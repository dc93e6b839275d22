using Mem0.Api.Errors;

namespace Mem0.Api.Validation;

/// <summary>Rejects an invalid body with 422 in the stable error shape before the handler runs.</summary>
public sealed class ValidationFilter<T> : IEndpointFilter where T : class, IValidatable
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = context.Arguments.OfType<T>().FirstOrDefault();
        if (body is null)
        {
            return ErrorBody.Result(context.HttpContext, StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation, "A JSON body is required.");
        }
        if (body.Validate() is { } problem)
        {
            return ErrorBody.Result(context.HttpContext, StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation, problem);
        }
        return await next(context);
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder route) where T : class, IValidatable =>
        route.AddEndpointFilter<ValidationFilter<T>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
