namespace Mem0.Api.Ui;

/// <summary>One bar's piece: series <see cref="Series"/> from <see cref="Y"/> down <see cref="Height"/> units.</summary>
public sealed record ChartSegment(int Series, double Y, double Height, int Count);

public sealed record ChartBar(DateOnly Day, double X, int Total, IReadOnlyList<ChartSegment> Segments);

/// <summary>
/// Counts per day stacked by one key (surface or agent), laid out for an SVG drawn on the server: the largest series
/// each get a colour, the rest are "other". No script draws it, so it shows with scripts off and prints.
/// </summary>
public sealed class StackedChart
{
    public const double Width = 600;
    public const double Height = 160;
    public const int MaxSeries = 6;

    public required string Title { get; init; }
    public required IReadOnlyList<(string Name, int Count)> Series { get; init; }
    public required IReadOnlyList<ChartBar> Bars { get; init; }
    public required double BarWidth { get; init; }
    public int Max { get; init; }
    public int Total => Series.Sum(s => s.Count);

    public static StackedChart Of(string title, IReadOnlyList<DayCount> counts, Func<DayCount, string> key, DateOnly today, int days)
    {
        var totals = counts.GroupBy(c => Label(key(c))).Select(g => (Name: g.Key, Count: g.Sum(c => c.Count)))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var named = totals.Take(totals.Count > MaxSeries ? MaxSeries - 1 : MaxSeries).ToList();
        var series = totals.Count > named.Count ? [.. named, ("other", totals.Skip(named.Count).Sum(s => s.Count))] : named;
        int IndexOf(string name) => named.FindIndex(s => s.Name == name) is var i and >= 0 ? i : named.Count;

        var byDay = counts.GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.GroupBy(c => IndexOf(Label(key(c))))
            .Select(s => (Series: s.Key, Count: s.Sum(c => c.Count))).OrderBy(s => s.Series).ToList());
        var max = Math.Max(1, byDay.Values.Select(d => d.Sum(s => s.Count)).DefaultIfEmpty(0).Max());
        var slot = Width / days;
        var bars = new List<ChartBar>(days);
        for (var i = 0; i < days; i++)
        {
            var day = today.AddDays(i - days + 1);
            var segments = new List<ChartSegment>();
            var top = Height;
            foreach (var (s, count) in byDay.GetValueOrDefault(day) ?? [])
            {
                var h = count * Height / max;
                top -= h;
                segments.Add(new ChartSegment(s, top, h, count));
            }
            bars.Add(new ChartBar(day, i * slot, segments.Sum(s => s.Count), segments));
        }
        return new StackedChart { Title = title, Series = series, Bars = bars, BarWidth = Math.Max(1, slot - 2), Max = max };
    }

    private static string Label(string key) => key.Length == 0 ? "(none)" : key;
}
