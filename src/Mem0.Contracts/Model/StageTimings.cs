using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mem0.Contracts.Model;

/// <summary>One stage of a request and its milliseconds, as a reply carries it from the extractor to the api.</summary>
public sealed record StageTiming(string Stage, double Ms);

/// <summary>
/// How long each stage of one request took (a search's query embedding, index and text search; an add's fingerprint,
/// bus, extraction, embedding, similar memories, decision and commit), sent back as a `Server-Timing` header so a slow
/// request can be explained from the client side.
/// </summary>
public sealed class StageTimings
{
    private readonly List<StageTiming> _stages = [];
    private long _mark = Stopwatch.GetTimestamp();

    /// <summary>Each stage with its milliseconds, in order.</summary>
    public IReadOnlyList<StageTiming> Stages => _stages;

    /// <summary>Forgets earlier stages and starts timing from now.</summary>
    public void Start()
    {
        _stages.Clear();
        _mark = Stopwatch.GetTimestamp();
    }

    /// <summary>Ends the running stage under this name and starts the next; returns its milliseconds.</summary>
    public double Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(_mark, now).TotalMilliseconds;
        Add(stage, ms);
        _mark = now;
        return ms;
    }

    /// <summary>A stage timed elsewhere (another process's, or one that ran beside others); a repeated name adds up.</summary>
    public void Add(string stage, double ms)
    {
        var i = _stages.FindIndex(s => s.Stage == stage);
        if (i < 0) _stages.Add(new StageTiming(stage, ms));
        else _stages[i] = _stages[i] with { Ms = _stages[i].Ms + ms };
    }

    /// <summary>
    /// A round trip to another process that reports its own stages: the trip's time less theirs under
    /// <paramref name="trip"/> (the bus, say), then each of theirs.
    /// </summary>
    public void AddRemote(string trip, double roundTripMs, IReadOnlyList<StageTiming>? remote)
    {
        remote ??= [];
        Add(trip, Math.Max(0, roundTripMs - remote.Sum(s => s.Ms)));
        foreach (var stage in remote) Add(stage.Stage, stage.Ms);
    }

    /// <summary>Moves <paramref name="ms"/> of stage <paramref name="of"/> into a stage of its own (a part timed inside it).</summary>
    public void Split(string of, string part, double ms)
    {
        var i = _stages.FindIndex(s => s.Stage == of);
        if (i < 0 || ms <= 0) return;
        _stages[i] = _stages[i] with { Ms = Math.Max(0, _stages[i].Ms - ms) };
        Add(part, ms);
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
