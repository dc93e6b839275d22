using Mem0.Extractor.Facts;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// An input's facts as the model gave them, with their vectors in the facts' order: what a batch item that has to run
/// alone carries into its run, so only its lookups and its decision run again, not a second paid extraction.
/// </summary>
public sealed record ExtractedFacts(FactExtraction Extraction, IReadOnlyList<float[]> Vectors);
