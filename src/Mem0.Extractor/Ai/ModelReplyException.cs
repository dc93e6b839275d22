namespace Mem0.Extractor.Ai;

/// <summary>The model answered twice with something that is not the JSON asked for. Nothing is stored.</summary>
public sealed class ModelReplyException(string message) : Exception(message);
