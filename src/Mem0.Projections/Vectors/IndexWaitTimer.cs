using System.Runtime.CompilerServices;
using Mem0.Contracts.Model;

namespace Mem0.Projections.Vectors;

/// <summary>
/// How long a write's commit waited for its memories to be in the live index (<see cref="VectorIndexProjector"/>),
/// for the write's `Server-Timing`: the projector runs inside SaveChanges, so the writer starts a measure in its own
/// async flow and reads it after the commit.
/// </summary>
public static class IndexWaitTimer
{
    private static readonly AsyncLocal<StrongBox<double>?> Current = new();

    /// <summary>A new measure for the commits made from here on in this flow; its value is milliseconds waited.</summary>
    private static StrongBox<double> Start() => Current.Value = new StrongBox<double>();

    /// <summary>A commit timed as the stage `commit`, with its wait for the live index taken out as `index-wait`.</summary>
    public static async Task<long> CommitAsync(StageTimings timings, Func<Task<long>> commit)
    {
        var waited = Start();
        var sequence = await commit();
        timings.Lap("commit");
        timings.Split("commit", "index-wait", waited.Value);
        return sequence;
    }

    internal static void Record(TimeSpan waited)
    {
        if (Current.Value is { } box) box.Value += waited.TotalMilliseconds;
    }
}
