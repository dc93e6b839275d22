using System.Collections.Concurrent;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// Counts failed authentications per surface and client IP in fixed windows that start at the first failure.
/// Once an IP has used up its failures, every request of it on that surface is refused until the window ends,
/// even one with the right key: a brute-force guess that finally hits learns nothing. Successes never count.
/// </summary>
public sealed class AuthFailureLimiter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Surface, string Ip), Window> _windows = new();

    /// <summary>How long the caller must wait, or null when it may go on.</summary>
    public TimeSpan? Blocked(string surface, string ip, int limit, TimeSpan window)
    {
        if (limit <= 0 || !_windows.TryGetValue((surface, ip), out var w)) return null;
        var now = clock.GetUtcNow();
        if (now >= w.Start + window)
        {
            _windows.TryRemove(new KeyValuePair<(string, string), Window>((surface, ip), w));
            return null;
        }
        return w.Failures >= limit ? w.Start + window - now : null;
    }

    public void Failed(string surface, string ip, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        _windows.AddOrUpdate((surface, ip),
            _ => new Window(now, 1),
            (_, w) => now >= w.Start + window ? new Window(now, 1) : w with { Failures = w.Failures + 1 });
        // Old windows of IPs that never came back are dropped now and then, so the map cannot grow without bound.
        if (_windows.Count > 10_000)
        {
            foreach (var (key, w) in _windows) if (now >= w.Start + window) _windows.TryRemove(key, out _);
        }
    }

    private sealed record Window(DateTimeOffset Start, int Failures);
}
