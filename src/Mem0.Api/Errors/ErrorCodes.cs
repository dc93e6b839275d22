namespace Mem0.Api.Errors;

/// <summary>The `error` values of the stable error shape. Clients match on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string InsufficientScope = "insufficient_scope";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Validation = "validation_error";
    public const string Conflict = "conflict";
    public const string PreconditionFailed = Contracts.Replies.ReplyErrors.PreconditionFailed;
    public const string RateLimited = "rate_limited";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UpstreamProvider = Contracts.Replies.ReplyErrors.UpstreamProvider;
    public const string BackendUnavailable = Contracts.Replies.ReplyErrors.BackendUnavailable;
    public const string Timeout = "timeout";
    public const string Internal = "internal_error";

    public static string ForStatus(int status) => status switch
    {
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        429 => RateLimited,
        422 or 400 => Validation,
        502 => UpstreamProvider,
        503 => BackendUnavailable,
        504 => Timeout,
        _ when status >= 500 => Internal,
        _ => "http_" + status,
    };
}
