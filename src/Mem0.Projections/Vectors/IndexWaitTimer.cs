using System.Runtime.CompilerServices;

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
    public static StrongBox<double> Start() => Current.Value = new StrongBox<double>();

    internal static void Record(TimeSpan waited)
    {
        if (Current.Value is { } box) box.Value += waited.TotalMilliseconds;
    }
}
