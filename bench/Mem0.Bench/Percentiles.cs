using System.Globalization;

namespace Mem0.Bench;

public static class Percentiles
{
    public const string Header = "operation                       n     p50 ms   p95 ms   p99 ms   mean ms";

    /// <summary>"p50/p95" of the samples, for one line of stage timings.</summary>
    public static string Of(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{At(sorted, 0.50):0.00}/{At(sorted, 0.95):0.00}");
    }

    public static double At(IReadOnlyList<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Row(string name, IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} {sorted.Length,4} {At(sorted, 0.50),9:0.00}{At(sorted, 0.95),9:0.00}{At(sorted, 0.99),9:0.00}{sorted.Average(),10:0.00}");
    }
}
