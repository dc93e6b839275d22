namespace Mem0.Api.Errors;

/// <summary>A failure the client should see, with its status and stable machine code.</summary>
public sealed class ApiError(int status, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static ApiError NotFound(string detail) => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, detail);
    public static ApiError Invalid(string detail) => new(StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation, detail);
    public static ApiError MemoryNotFound(string id) => NotFound($"Memory {id} not found.");
}
