using Mem0.Scheduler.Jobs;
using Microsoft.Extensions.Logging;

namespace Mem0.Tests.Unit.Scheduling;

/// <summary>
/// Hangfire's log provider is one per process. Guards the CI failure where a job of one host logged through another
/// host's disposed LoggerFactory (`ObjectDisposedException` from RecurringJobManager.TriggerJob).
/// </summary>
public sealed class Hangfire_log_routing_specs
{
    private sealed class Counting : ILoggerProvider, ILogger
    {
        public int Lines;
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Increment(ref Lines);
        public void Dispose() { }
    }

    [Fact]
    public void A_disposed_hosts_factory_is_never_reached_and_lines_go_to_a_live_host()
    {
        var live = new Counting();
        var gone = new Counting();
        using var liveFactory = LoggerFactory.Create(b => b.AddProvider(live));
        var goneFactory = LoggerFactory.Create(b => b.AddProvider(gone));
        using var liveHandle = HostLogProvider.Instance.Attach(liveFactory);
        var goneHandle = HostLogProvider.Instance.Attach(goneFactory);
        // The newer host is disposed without detaching first: the race the CI run lost.
        goneFactory.Dispose();

        var log = HostLogProvider.Instance.GetLogger("Hangfire.RecurringJobManager");
        Assert.True(log.Log(Hangfire.Logging.LogLevel.Info, () => "triggered"));
        Assert.Equal(1, live.Lines);
        Assert.Equal(0, gone.Lines);
        goneHandle.Dispose();
    }
}
