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

    // Attached hosts, newest first. Replaced whole on attach and detach, so a log call reads it without a lock.
    private volatile HangfireLogAttachment[] _hosts = [];
    private readonly Lock _gate = new();

    private HostLogProvider()
    {
    }

    /// <summary>Routes log lines to <paramref name="factory"/> until the returned attachment is disposed.</summary>
    public HangfireLogAttachment Attach(ILoggerFactory factory)
    {
        var attached = new HangfireLogAttachment(this, factory);
        lock (_gate) _hosts = [attached, .. _hosts];
        return attached;
    }

    public ILog GetLogger(string name) => new RoutedLog(this, name);

    internal void Detach(HangfireLogAttachment attached)
    {
        lock (_gate) _hosts = [.. _hosts.Where(h => h != attached)];
    }

    private sealed class RoutedLog(HostLogProvider owner, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null)
        {
            foreach (var host in owner._hosts)
            {
                try
                {
                    return host.For(name).Log(logLevel, messageFunc, exception);
                }
                catch (ObjectDisposedException)
                {
                    // That host is going away: its factory is gone before its attachment was disposed.
                    owner.Detach(host);
                }
            }
            return false;
        }
    }
}

/// <summary>
/// A host's place in <see cref="HostLogProvider"/>, with its cache of Hangfire loggers by name: a singleton of the
/// host, so it ends with the host's services.
/// </summary>
public sealed class HangfireLogAttachment : IDisposable
{
    private readonly HostLogProvider _owner;
    private readonly AspNetCoreLogProvider _provider;
    private readonly ConcurrentDictionary<string, ILog> _logs = new();

    internal HangfireLogAttachment(HostLogProvider owner, ILoggerFactory factory) => (_owner, _provider) = (owner, new AspNetCoreLogProvider(factory));

    internal ILog For(string name) => _logs.GetOrAdd(name, _provider.GetLogger);

    public void Dispose() => _owner.Detach(this);
}
