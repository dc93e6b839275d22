using Microsoft.Extensions.AI;

namespace Mem0.Extractor.Ai;

/// <summary>Tokens spent by the model calls of one add, summed; null where the provider did not say.</summary>
public sealed record TokenUsage(long? Input, long? Output)
{
    public static readonly TokenUsage None = new(null, null);

    public TokenUsage Plus(UsageDetails? usage) => usage is null ? this
        : new TokenUsage(Sum(Input, usage.InputTokenCount), Sum(Output, usage.OutputTokenCount));

    public TokenUsage Plus(TokenUsage other) => new(Sum(Input, other.Input), Sum(Output, other.Output));

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
