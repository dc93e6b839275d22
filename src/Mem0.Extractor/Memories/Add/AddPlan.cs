using Mem0.Contracts.Model;
using Mem0.Extractor.Decisions;
using Mem0.Projections.Memories;

namespace Mem0.Extractor.Memories.Add;

/// <summary>
/// Everything an add's planning found, before anything is written: the changes the decision step asked for, the
/// stored memories they were decided on (as read, with their versions), the vectors of every text to write, and the
/// models' account (which model, which prompts, tokens).
/// </summary>
public sealed record AddPlan(
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyDictionary<Guid, MemoryView> Current,
    IReadOnlyDictionary<string, float[]> Vectors,
    ExtractionInfo Extraction);
