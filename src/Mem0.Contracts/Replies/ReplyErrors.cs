namespace Mem0.Contracts.Replies;

/// <summary>The `Error` codes a <see cref="CommandFailed"/> carries; the API answers them in its stable error shape.</summary>
public static class ReplyErrors
{
    /// <summary>The model or embedding provider failed or answered what was not asked for; nothing was written.</summary>
    public const string UpstreamProvider = "upstream_provider_error";
}
