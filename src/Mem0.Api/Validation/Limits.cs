namespace Mem0.Api.Validation;

/// <summary>Bounds on request fields, shared by REST and MCP so both refuse the same things.</summary>
public static class Limits
{
    public const int MaxContentChars = 100_000;
    public const int MaxMessages = 500;
    public const int MaxTagChars = 256;
    public const int MaxSearchLimit = 100;
    public const int DefaultSearchLimit = 10;
    public const int MaxListLimit = 100;
    public const int DefaultListLimit = 50;
    public const int MaxOffset = 10_000;
    public const int BulkDeleteCap = 1000;

    public static string? Tag(string? value, string field) =>
        value is null ? null
        : value.Length == 0 ? $"{field} must not be empty when given."
        : value.Length > MaxTagChars ? $"{field} must be at most {MaxTagChars} characters."
        : null;
}
