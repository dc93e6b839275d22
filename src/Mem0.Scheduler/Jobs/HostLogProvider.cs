using System.Collections.Concurrent;
using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (one static), while logger factories belong to hosts. Hangfire's own
/// AddHangfire points that static at the host that configured it last, so in a process with several hosts (the
/// integration tests, a tool beside a server) a host that has stopped and disposed its factory could still be
/// reached by another host's job: `ObjectDisposedException: LoggerFactory` from inside RecurringJobManager once
/// failed a CI run. This provider is installed once and routes each log line to a host that is still attached,
/// newest first; a factory disposed under it is dropped and the next one tried, so no log call can throw.
/// </summary>
public sealed class HostLogProvider : ILogProvider
{
    public static readonly HostLogProvider Instance = new();

    // Attached factories in attach order; each with its own cache of Hangfire loggers by name.
    private readonly List<Attached> _hosts = [];
    private readonly Lock _gate = new();

    private HostLogProvider()
    {
    }

    /// <summary>Routes log lines to <paramref name="factory"/> until the returned handle is disposed.</summary>
    public IDisposable Attach(ILoggerFactory factory)
    {
        var attached = new Attached(this, factory);
        lock (_gate) _hosts.Add(attached);
        return attached;
    }

    public ILog GetLogger(string name) => new RoutedLog(this, name);

    private void Detach(Attached attached)
    {
        lock (_gate) _hosts.Remove(attached);
    }

    private Attached[] Newest()
    {
        lock (_gate) return _hosts.AsEnumerable().Reverse().ToArray();
    }

    private sealed class Attached(HostLogProvider owner, ILoggerFactory factory) : IDisposable
    {
        private readonly AspNetCoreLogProvider _provider = new(factory);
        private readonly ConcurrentDictionary<string, ILog> _logs = new();

        public ILog For(string name) => _logs.GetOrAdd(name, _provider.GetLogger);

        public void Dispose() => owner.Detach(this);
    }

    private sealed class RoutedLog(HostLogProvider owner, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null)
        {
            foreach (var host in owner.Newest())
            {
                try
                {
                    return host.For(name).Log(logLevel, messageFunc, exception);
                }
                catch (ObjectDisposedException)
                {
                    // That host is going away: its factory is gone before its handle was disposed.
                    owner.Detach(host);
                }
            }
            return false;
        }
    }
}

/// <summary>A host's place in <see cref="HostLogProvider"/>: a singleton of the host, so it ends with the host's services.</summary>
public sealed class HangfireLogAttachment(IDisposable handle) : IDisposable
{
    public void Dispose() => handle.Dispose();
}
