namespace Mem0.Extractor.Memories.ReExtract;

/// <summary>A re-extraction was asked for while one runs in this process; the caller gets 409 and tries later.</summary>
public sealed class ReExtractionRunningException() : Exception("A re-extraction is running already; try again when it has finished.");
