namespace Mem0.Contracts.Replies;

/// <summary>The `Error` codes a <see cref="CommandFailed"/> carries; the API answers them in its stable error shape.</summary>
public static class ReplyErrors
{
    /// <summary>The model or embedding provider failed or answered what was not asked for; nothing was written.</summary>
    public const string UpstreamProvider = "upstream_provider_error";

    /// <summary>The store cannot keep a value of the command (PostgreSQL's data exceptions); the same command would fail again.</summary>
    public const string Validation = "validation_error";

    /// <summary>An update named the version it read (`If-Match`) and the memory has moved on since; nothing was changed.</summary>
    public const string PreconditionFailed = "precondition_failed";

    /// <summary>The memory or source the command names does not exist (or never had the version it names).</summary>
    public const string NotFound = "not_found";

    /// <summary>The command does not apply to the memory as it stands (an undelete of a memory that is not deleted).</summary>
    public const string Conflict = "conflict";

    /// <summary>The event store (PostgreSQL) could not be reached, even after the consumer's retries; nothing was written.</summary>
    public const string BackendUnavailable = "backend_unavailable";

    /// <summary>The extractor failed for a reason of its own; the detail points at its log.</summary>
    public const string Internal = "internal_error";
}
