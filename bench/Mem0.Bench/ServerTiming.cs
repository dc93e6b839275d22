using System.Globalization;

namespace Mem0.Bench;

/// <summary>Reads the server's `Server-Timing` header (`embed;dur=5.1, index;dur=2.0`) into stage durations.</summary>
public static class ServerTiming
{
    public static IEnumerable<(string Stage, double Ms)> Parse(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values)) yield break;
        foreach (var entry in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            var duration = parts.Skip(1).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (duration is not null && double.TryParse(duration[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                yield return (parts[0], ms);
        }
    }
}
