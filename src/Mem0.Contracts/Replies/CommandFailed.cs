namespace Mem0.Contracts.Replies;

/// <summary>
/// A command that could not be carried out for a reason the caller should see, with the stable error
/// code (`upstream_provider_error`, `validation_error`, …). Nothing was written.
/// </summary>
public sealed record CommandFailed(string Error, string Detail);
