using Mem0.Extractor.Ai;

namespace Mem0.Extractor.Facts;

public sealed record FactExtraction(IReadOnlyList<string> Facts, TokenUsage Usage);
