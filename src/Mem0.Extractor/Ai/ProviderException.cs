namespace Mem0.Extractor.Ai;

/// <summary>
/// An LLM or embedding provider failed after its retries, or kept answering something unusable. Surfaces as
/// 502 `upstream_provider_error`; the message names the provider and what went wrong, never a key.
/// </summary>
public sealed class ProviderException(string message, Exception? inner = null) : Exception(message, inner);
