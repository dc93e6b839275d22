namespace Mem0.Bench;

/// <summary>
/// The `Server-Timing` stages of many requests, one row per stage: p50/p95 over the requests that had the stage, and
/// in how many of them it ran (an add whose extraction found nothing has no `similar`; only a merged text is embedded
/// twice).
/// </summary>
public static class StageTable
{
    public static void Collect(Dictionary<string, List<double>> stages, HttpResponseMessage response)
    {
        foreach (var (stage, ms) in ServerTiming.Parse(response))
        {
            if (!stages.TryGetValue(stage, out var list)) stages[stage] = list = [];
            list.Add(ms);
        }
    }

    public static void Print(IReadOnlyDictionary<string, List<double>> stages, int requests)
    {
        if (stages.Count == 0) return;
        Console.WriteLine("  server stages (Server-Timing)      p50 ms    p95 ms   in");
        foreach (var (stage, samples) in stages)
        {
            var sorted = samples.Order().ToList();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"    {stage,-30} {Percentiles.At(sorted, 0.50),8:0.00} {Percentiles.At(sorted, 0.95),9:0.00}   {samples.Count}/{requests}"));
        }
    }
}
