using Marten;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Store;
using Mem0.Scheduler;
using Mem0.Scheduler.Options;
using Mem0.Settings.Validation;
using Mem0.Scheduler.Backups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mem0.Cli.Admin;

/// <summary>
/// The parts the database-side admin commands need, built from the same variables as the server: the store, the
/// vector store and the backup code. Nothing is started (no daemon, no bus, no HTTP), so they run with the server
/// stopped, and embeddings come from the cache only, so no provider key is needed.
/// </summary>
public static class AdminServices
{
    /// <summary>What `ops/run-local.sh` ran the server with, so the admin commands work from the checkout as they are.</summary>
    public const string LocalServerEnv = ".local/server.env";

    /// <summary>
    /// The server's variables: the environment, over `.local/server.env` when run from a checkout where
    /// `ops/run-local.sh` wrote one, under the command's own options.
    /// </summary>
    public static Mem0Settings? LoadSettings(TextWriter error, IDictionary<string, string?>? overrides = null, bool needsDatabase = true,
        string localEnvFile = LocalServerEnv)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(ReadEnvFile(localEnvFile))
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();
        var settings = Mem0Settings.Load(config);
        // The server's checks, for the modules these commands use. The vector store decides what a backup snapshots
        // and a restore rebuilds, so it must be the server's, and is checked with the store.
        var problems = OptionsCheck.Problems(services =>
        {
            if (needsDatabase) services.AddEventStoreOptions(settings.Store).AddVectorIndexOptions(settings.Vectors);
            services.AddBackupOptions(settings.Backups).AddDigestOptions(settings.Digest);
        });
        foreach (var problem in problems) error.WriteLine($"mem0: {problem}");
        return problems.Count == 0 ? settings : null;
    }

    private static Dictionary<string, string?> ReadEnvFile(string path) => !File.Exists(path) ? []
        : File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => (Key: l[..l.IndexOf('=')].Trim(), Value: l[(l.IndexOf('=') + 1)..].Trim()))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (string?)g.Last().Value);

    public static ServiceProvider Build(Mem0Settings settings, TextWriter log)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new WriterLoggerProvider(log)).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEmbedder>(sp => new CacheOnlyEmbedder(settings.Ai.EmbedModel, settings.Ai.EmbedDims, sp.GetRequiredService<IDocumentStore>));
        services.AddMem0Projections(settings);
        services.AddMem0Backups(settings);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A failed admin command as one line for the operator: the message of the failures these commands expect
    /// (the backup's own, the database's, S3's, the file system's), and the kind of error for any other. Exit 1.
    /// </summary>
    public static async Task<int> FailedAsync(TextWriter error, string what, Exception ex)
    {
        var expected = ex is BackupException or Npgsql.NpgsqlException or Amazon.Runtime.AmazonServiceException or IOException
            or Amazon.Runtime.AmazonClientException;
        await error.WriteLineAsync(expected ? $"mem0: {what}: {ex.Message}" : $"mem0: {what} ({ex.GetType().Name}): {ex.Message}");
        return 1;
    }

    /// <summary>Warnings and errors of the parts, on the command's error output.</summary>
    private sealed class WriterLoggerProvider(TextWriter writer) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WriterLogger(writer);
        public void Dispose() { }
    }

    private sealed class WriterLogger(TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) writer.WriteLine($"mem0: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
        }
    }
}
