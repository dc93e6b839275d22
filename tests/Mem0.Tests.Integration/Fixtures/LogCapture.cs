using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>Keeps every log line the host writes, with its structured values and scopes, for leak checks.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { category, formatter(state, exception), exception?.ToString() ?? "" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values) parts.AddRange(values.Select(kv => $"{kv.Key}={kv.Value}"));
            owner._scopes.ForEachScope((scope, acc) => acc.Add(scope is IEnumerable<KeyValuePair<string, object>> pairs
                ? string.Join(" ", pairs.Select(kv => $"{kv.Key}={kv.Value}"))
                : scope?.ToString() ?? ""), parts);
            parts.Add($"level={logLevel}");
            owner._lines.Enqueue(string.Join(" | ", parts));
        }
    }
}
