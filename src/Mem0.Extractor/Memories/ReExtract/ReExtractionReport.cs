namespace Mem0.Extractor.Memories.ReExtract;

/// <summary>How one input's memories would differ if its content were extracted again.</summary>
public sealed record SourceDifference(Guid SourceId, IReadOnlyList<string> Added, IReadOnlyList<(Guid Id, string From, string To)> Changed,
    IReadOnlyList<(Guid Id, string Text)> Gone)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Gone.Count == 0;
}

/// <summary>A re-extraction's account: which model and prompts, how many inputs, and every difference against today's memories.</summary>
public sealed record ReExtractionReport(string Model, string PromptVersion, int Sources, IReadOnlyList<SourceDifference> Differences, bool Applied)
{
    public int Added => Differences.Sum(d => d.Added.Count);
    public int Changed => Differences.Sum(d => d.Changed.Count);
    public int Gone => Differences.Sum(d => d.Gone.Count);
}
