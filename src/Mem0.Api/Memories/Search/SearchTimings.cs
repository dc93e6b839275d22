using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mem0.Api.Memories.Search;

/// <summary>
/// How long each stage of one search took (embedding the query, the index, the text search, loading the
/// memories), sent back as a `Server-Timing` header so a slow search can be explained from the client side.
/// </summary>
public sealed class SearchTimings
{
    private readonly List<(string Stage, double Ms)> _stages = [];
    private long _mark = Stopwatch.GetTimestamp();

    /// <summary>Each stage with its milliseconds, in order.</summary>
    public IReadOnlyList<(string Stage, double Ms)> Stages => _stages;

    /// <summary>Forgets earlier stages and starts timing from now.</summary>
    public void Start()
    {
        _stages.Clear();
        _mark = Stopwatch.GetTimestamp();
    }

    /// <summary>Ends the running stage under this name and starts the next.</summary>
    public void Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        _stages.Add((stage, Stopwatch.GetElapsedTime(_mark, now).TotalMilliseconds));
        _mark = now;
    }

    public string ToHeader()
    {
        var header = new StringBuilder();
        foreach (var (stage, ms) in _stages)
        {
            if (header.Length > 0) header.Append(", ");
            header.Append(CultureInfo.InvariantCulture, $"{stage};dur={ms:0.###}");
        }
        return header.ToString();
    }
}
