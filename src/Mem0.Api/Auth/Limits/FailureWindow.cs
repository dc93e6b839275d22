namespace Mem0.Api.Auth.Limits;

/// <summary>
/// One client's failures on one surface in a fixed window that starts at its first failure. Every change happens
/// under the window's own lock, so the check and the count are one step: N parallel failures can never all see
/// "under the limit".
/// </summary>
internal sealed class FailureWindow(DateTimeOffset start)
{
    private DateTimeOffset _start = start;
    private int _failures;
    private int _pending;

    /// <summary>How long the client must wait, or null when it may go on.</summary>
    public TimeSpan? Blocked(DateTimeOffset now, int limit, TimeSpan window)
    {
        lock (this)
        {
            Expire(now, window);
            return _failures >= limit ? _start + window - now : null;
        }
    }

    /// <summary>Counts a failure; the wait when it went past the limit (answer 429), null while within it (answer 401).</summary>
    public TimeSpan? Fail(DateTimeOffset now, int limit, TimeSpan window)
    {
        lock (this)
        {
            Expire(now, window);
            _failures++;
            return _failures > limit ? _start + window - now : null;
        }
    }

    /// <summary>
    /// Takes a place for a request whose outcome is known only after it ran (a token exchange): refused (the wait)
    /// when the failures so far and the requests still running would already reach the limit.
    /// </summary>
    public TimeSpan? Reserve(DateTimeOffset now, int limit, TimeSpan window)
    {
        lock (this)
        {
            Expire(now, window);
            if (_failures + _pending >= limit) return _start + window - now;
            _pending++;
            return null;
        }
    }

    public void Settle(bool failed)
    {
        lock (this)
        {
            _pending = Math.Max(0, _pending - 1);
            if (failed) _failures++;
        }
    }

    private void Expire(DateTimeOffset now, TimeSpan window)
    {
        if (now < _start + window) return;
        _start = now;
        _failures = 0;
    }
}
