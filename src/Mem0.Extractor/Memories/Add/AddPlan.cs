using Mem0.Contracts.Model;
using Mem0.Projections.Memories;

namespace Mem0.Extractor.Memories.Add;

/// <summary>One event to write: a new memory (ADD), or a change to `Target` as it was read (UPDATE, DELETE).</summary>
public sealed record PlannedWrite(string Event, string Text, string Fingerprint, float[]? Vector, MemoryView? Target);

/// <summary>Everything an add decided, ready to commit in one transaction.</summary>
public sealed record AddPlan(IReadOnlyList<PlannedWrite> Writes, ExtractionInfo Extraction);
