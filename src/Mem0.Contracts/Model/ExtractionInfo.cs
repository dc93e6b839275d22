namespace Mem0.Contracts.Model;

/// <summary>
/// Which model and prompt version produced a change, and what the extraction cost in tokens (all the model
/// calls of the add that made it). Null for changes made directly (PUT, DELETE) rather than by the pipeline.
/// </summary>
public sealed record ExtractionInfo(string Model, string PromptVersion, long? InputTokens, long? OutputTokens);
