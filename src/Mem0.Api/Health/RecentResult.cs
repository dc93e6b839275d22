namespace Mem0.Api.Health;

/// <summary>
/// A result computed at most once per <paramref name="maxAge"/> (which may depend on the result), whoever asks: callers within the age get the last
/// one, and callers that arrive while it is being computed wait for that computation instead of starting their own.
/// So a flood of unauthenticated probes costs the backends one round trip every couple of seconds.
/// </summary>
public sealed class RecentResult<T>(TimeProvider clock, Func<T, TimeSpan> maxAge)
{
    public RecentResult(TimeProvider clock, TimeSpan maxAge) : this(clock, _ => maxAge)
    {
    }

    private sealed record Snapshot(T Value, DateTimeOffset At);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _last;

    public async Task<(T Value, DateTimeOffset At)> GetAsync(Func<CancellationToken, Task<T>> compute, bool fresh, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        if (!fresh && Usable(_last, started) is { } cached) return (cached.Value, cached.At);
        await _gate.WaitAsync(ct);
        try
        {
            // One computed while this caller waited is fresh enough, even for a forced check.
            if (_last is { } last && (last.At >= started || (!fresh && Usable(last, started) is not null))) return (last.Value, last.At);
            // Not the caller's token: others may be waiting on this result after the first caller went away.
            var value = await compute(CancellationToken.None);
            var snapshot = new Snapshot(value, clock.GetUtcNow());
            _last = snapshot;
            return (snapshot.Value, snapshot.At);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Snapshot? Usable(Snapshot? last, DateTimeOffset now) => last is not null && now - last.At <= maxAge(last.Value) ? last : null;
}
