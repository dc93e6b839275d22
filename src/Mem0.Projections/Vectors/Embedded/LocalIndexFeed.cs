using Marten;
using Mem0.Projections.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mem0.Projections.Vectors.Embedded;

/// <summary>
/// The embedded index's feed: each process that keeps an embedded index (api and extractor roles) follows the
/// event store on its own, from the sequence its index was loaded at, with its position in memory. The index
/// starts empty at every start and is loaded from the views, so a durable checkpoint would have nothing to resume;
/// and one hot/cold owner for the cluster (Marten's daemon) would feed one process's memory, not every replica's.
///
/// Reads are made consistent with <see cref="SyncAsync"/>: a search waits for one round of this feed that began
/// after the search did, so every write committed before the search (by any process) is in the index when it
/// runs — read-your-writes whichever replica answers, bounded by MEM0_INDEX_WAIT_MS. When nothing is newer than
/// what the feed applied (the usual case), a search pays one indexed probe and no round; concurrent searches that
/// need a round share it.
///
/// Sequences are taken from PostgreSQL's sequence before commit, so a later sequence can be visible while an
/// earlier one's transaction is still open. Such holes are remembered and read again each round until their
/// event appears, or until they are older than <see cref="GapTimeout"/> (a rolled-back transaction leaves a hole
/// for ever), so a late commit is never skipped.
///
/// The events this process's own writes put in the index as they committed (<see cref="IndexedOnCommit"/>) count as
/// applied without being read back: a lone writer's next search then pays the probe only, not a round.
/// </summary>
public sealed class LocalIndexFeed(IDocumentStore store, SubscriptionCheckpoint events, IVectorStore vectors, VectorIndexUpdater updater,
    TimeProvider clock, ILogger<LocalIndexFeed> log, IndexedOnCommit? indexed = null) : BackgroundService
{
    public static readonly TimeSpan GapTimeout = SubscriptionCheckpoint.StaleGap;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private const int Page = 1000;
    // How far below the start the loader looks for holes: more than the transactions that can be open at once.
    private const int StartGapWindow = 1000;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Dictionary<long, DateTimeOffset> _gaps = [];
    private TaskCompletionSource _next = NewRound();
    private long _applied = -1;

    /// <summary>True once the loader has placed the feed: before that, and in a process without an index, reads do not wait.</summary>
    public bool Started => Volatile.Read(ref _applied) >= 0;

    /// <summary>Every sequence at or below this is in the index or known never to come (for the lag on /healthz).</summary>
    public long Position
    {
        get
        {
            lock (_gaps) return _gaps.Count == 0 ? Math.Max(0, _applied) : Math.Min(_applied, _gaps.Keys.Min() - 1);
        }
    }

    /// <summary>Places the feed after the loader filled the index from the views read after <paramref name="sequence"/>.</summary>
    public async Task StartAtAsync(long sequence, CancellationToken ct)
    {
        // Sequences below the start that had no visible event when the views were read may belong to transactions
        // still open: they are watched as holes like any other.
        var holes = sequence > 0 ? await events.MissingAsync(sequence, StartGapWindow, ct) : [];
        var now = clock.GetUtcNow();
        lock (_gaps)
        {
            foreach (var hole in holes) _gaps[hole] = now;
        }
        Volatile.Write(ref _applied, sequence);
    }

    /// <summary>
    /// Waits until a round of the feed that began after this call has finished, or <paramref name="wait"/> has
    /// passed (the read then goes ahead on what the index holds; the feed catches up moments later).
    /// </summary>
    public async Task SyncAsync(TimeSpan wait, CancellationToken ct)
    {
        if (!Started || wait <= TimeSpan.Zero) return;
        var round = Volatile.Read(ref _next).Task;
        long applied;
        bool holes;
        lock (_gaps)
        {
            applied = _applied;
            holes = _gaps.Count > 0;
        }
        // Nearly always nothing is newer than what was applied: one indexed probe says so without waking the feed,
        // in half the time of a full round (bench/results.md: "The feed's probe").
        if (!holes && !await events.AnyAfterAsync(applied, ct)) return;
        Wake();
        try
        {
            await round.WaitAsync(wait, ct);
        }
        catch (TimeoutException)
        {
            log.LogDebug("A read went ahead after {Wait} ms without the feed's next round", wait.TotalMilliseconds);
        }
    }

    private void Wake()
    {
        // A wake-up already pending is enough: the next round serves every caller that came before it began.
        if (_wake.CurrentCount > 0) return;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Raced another caller's wake-up: same result.
        }
    }

    /// <summary>
    /// Events this process's writes indexed as they committed (<see cref="IndexedOnCommit"/>): applied. Ignored before
    /// the feed is placed (the loader's read or the first round covers them) and when far ahead of it (writes from
    /// elsewhere piled up meanwhile: the feed reads those in order rather than holding each passed-over one as a hole).
    /// </summary>
    private void IndexedHere(IReadOnlyList<long> sequences)
    {
        if (!Started || sequences.Count == 0) return;
        lock (_gaps)
        {
            if (sequences.Max() - _applied > StartGapWindow) return;
            MarkApplied(sequences, clock.GetUtcNow());
        }
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        indexed?.Follow(IndexedHere);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(PollInterval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!Started) continue;
            // The round's waiters are those that came before this point; later ones wait for the next round.
            var round = Interlocked.Exchange(ref _next, NewRound());
            try
            {
                await RoundAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && StoreErrors.Find<Npgsql.NpgsqlException>(ex, e => e.IsTransient) is { } down)
            {
                // Once a second while the database is away: one line each, not a stack trace each.
                log.LogWarning("Embedded index feed could not reach the event store ({Reason}); retrying", down.Message);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(ex, "Embedded index feed could not read the event store; retrying");
            }
            finally
            {
                round.TrySetResult();
            }
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        while (true)
        {
            long after;
            long[] holes;
            lock (_gaps)
            {
                after = _applied;
                holes = [.. _gaps.Keys];
            }
            IReadOnlyList<JasperFx.Events.IEvent> events;
            await using (var session = store.QuerySession())
            {
                events = await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > after || holes.Contains(e.Sequence))
                    .OrderBy(e => e.Sequence).Take(Page).ToListAsync(ct);
                if (events.Count > 0) await updater.ApplyAsync(session, events, vectors.Live, ct);
            }
            Advance(events);
            if (events.Count < Page) return;
        }
    }

    private void Advance(IReadOnlyList<JasperFx.Events.IEvent> events)
    {
        var now = clock.GetUtcNow();
        lock (_gaps)
        {
            MarkApplied(events.Select(e => e.Sequence), now);
            foreach (var (hole, seen) in _gaps.ToList())
            {
                if (now - seen > GapTimeout) _gaps.Remove(hole);
            }
        }
    }

    /// <summary>
    /// Counts these sequences as in the index (the caller holds the lock): one at or below the mark fills its hole, one
    /// above raises the mark and leaves the sequences it passed over as holes, read again until they appear. Whatever
    /// order the feed's rounds and the writes' reports arrive in, each sequence ends applied, a hole, or timed out.
    /// </summary>
    private void MarkApplied(IEnumerable<long> sequences, DateTimeOffset now)
    {
        foreach (var sequence in sequences.Order())
        {
            if (sequence <= _applied)
            {
                _gaps.Remove(sequence);
                continue;
            }
            for (var missing = _applied + 1; missing < sequence; missing++) _gaps[missing] = now;
            _applied = sequence;
        }
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
