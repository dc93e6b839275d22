using System.Collections.Concurrent;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// Counts failed authentications per surface and client (<see cref="ClientKey"/>) in fixed windows that start at
/// the first failure. Once a client has used up its failures, every request of it on that surface is refused until
/// the window ends, even one with the right key: a brute-force guess that finally hits learns nothing. Successes
/// never count.
/// Memory is bounded without ever scanning the map: each surface keeps two generations of windows and every
/// window-length the older one is dropped whole (a window lives at least one length, at most two), and a
/// generation holds at most <see cref="ClientsPerGeneration"/> clients; past that a new client is not tracked until
/// the next turn (per-address limits cannot stop that many addresses anyway, and the owner is never the one refused).
/// </summary>
public sealed class AuthFailureLimiter(TimeProvider clock)
{
    public const int ClientsPerGeneration = 100_000;

    private readonly ConcurrentDictionary<string, Generations> _surfaces = new();

    public TimeSpan? Blocked(AuthSurface surface, string client) =>
        Find(surface, client, create: false)?.Blocked(clock.GetUtcNow(), surface.Limit, surface.Window);

    /// <summary>
    /// Counts a failed credential of this request's client, unless the surface's limit is off; the wait when this one
    /// is past the limit (answer 429 instead of 401).
    /// </summary>
    public TimeSpan? Fail(AuthSurface surface, HttpContext http) =>
        surface.Limit > 0 ? Fail(surface, ClientKey.Of(http.Connection.RemoteIpAddress)) : null;

    /// <summary>Counts a failure; the wait when this one is past the limit (answer 429 instead of 401).</summary>
    public TimeSpan? Fail(AuthSurface surface, string client) =>
        Find(surface, client, create: true)?.Fail(clock.GetUtcNow(), surface.Limit, surface.Window);

    /// <summary>Takes a place for a request counted by its outcome; the wait when refused.</summary>
    public TimeSpan? Reserve(AuthSurface surface, string client) =>
        Find(surface, client, create: true)?.Reserve(clock.GetUtcNow(), surface.Limit, surface.Window);

    public void Settle(AuthSurface surface, string client, bool failed) => Find(surface, client, create: true)?.Settle(failed);

    /// <summary>How many clients the surface tracks now (both generations), for the specs of its bound.</summary>
    public int Tracked(AuthSurface surface) => _surfaces.TryGetValue(surface.Name, out var g) ? g.Count : 0;

    private FailureWindow? Find(AuthSurface surface, string client, bool create)
    {
        var now = clock.GetUtcNow();
        var generations = _surfaces.GetOrAdd(surface.Name, _ => new Generations(now));
        return generations.Find(client, now, surface.Window, create);
    }

    private sealed class Generations(DateTimeOffset start)
    {
        private sealed class Generation
        {
            public readonly ConcurrentDictionary<string, FailureWindow> Windows = new();
            public int Count;
        }

        private Generation _current = new();
        private Generation _previous = new();
        private DateTimeOffset _turnedAt = start;

        public int Count => Volatile.Read(ref _current.Count) + Volatile.Read(ref _previous.Count);

        public FailureWindow? Find(string client, DateTimeOffset now, TimeSpan window, bool create)
        {
            Turn(now, window);
            var current = _current;
            if (current.Windows.TryGetValue(client, out var found)) return found;
            if (_previous.Windows.TryGetValue(client, out found))
            {
                // Counted again: it moves up, so a window is never dropped sooner than one length after its last count.
                if (create) Add(current, client, found);
                return found;
            }
            return create ? Add(current, client, new FailureWindow(now)) : null;
        }

        private static FailureWindow? Add(Generation generation, string client, FailureWindow window)
        {
            if (Volatile.Read(ref generation.Count) >= ClientsPerGeneration) return null;
            var stored = generation.Windows.GetOrAdd(client, window);
            if (ReferenceEquals(stored, window)) Interlocked.Increment(ref generation.Count);
            return stored;
        }

        private void Turn(DateTimeOffset now, TimeSpan window)
        {
            if (now < _turnedAt + window) return;
            lock (this)
            {
                if (now < _turnedAt + window) return;
                // After two lengths of quiet both generations are stale.
                _previous = now >= _turnedAt + window + window ? new Generation() : _current;
                _current = new Generation();
                _turnedAt = now;
            }
        }
    }
}
