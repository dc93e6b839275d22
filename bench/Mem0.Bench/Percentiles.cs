using System.Globalization;

namespace Mem0.Bench;

public static class Percentiles
{
    public const string Header = "operation                       n     p50 ms   p95 ms   p99 ms   mean ms";

    public static string Row(string name, IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} {sorted.Length,4} {At(0.50),9:0.00}{At(0.95),9:0.00}{At(0.99),9:0.00}{sorted.Average(),10:0.00}");
    }
}
