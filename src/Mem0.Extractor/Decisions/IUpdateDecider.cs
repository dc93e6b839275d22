namespace Mem0.Extractor.Decisions;

/// <summary>Step three of mem0's add pipeline: how the store changes given new facts and related memories.</summary>
public interface IUpdateDecider
{
    string PromptVersion { get; }
    Task<UpdatePlan> DecideAsync(IReadOnlyList<NewFact> facts, IReadOnlyList<StoredMemory> related, CancellationToken ct);
}
