using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// The real server in process: local profile, real PostgreSQL and RabbitMQ, and the tests' vector store
/// (<see cref="TestVectorStore"/>). Each host gets its own database schema, queue prefix and (on Qdrant) collection,
/// so test classes run in parallel without seeing each other's memories or commands.
/// Give the same schema to a second host to test a restart on the same data.
/// </summary>
public class Mem0Host : WebApplicationFactory<Program>
{
    public string Schema { get; }
    public string ApiKey { get; } = "test-key-" + Guid.NewGuid().ToString("N");
    public LogCapture Logs { get; } = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _dropSchemaOnDispose;

    private readonly TimeProvider? _clock;

    public Mem0Host(string? schema, IDictionary<string, string?>? overrides, bool dropSchemaOnDispose = true, TimeProvider? clock = null)
    {
        _clock = clock;
        Schema = schema ?? "t_" + Guid.NewGuid().ToString("N")[..12];
        _dropSchemaOnDispose = dropSchemaOnDispose;
        _settings = new Dictionary<string, string?>
        {
            ["MEM0_PROFILE"] = "local",
            ["MEM0_DATABASE_URL"] = TestEnvironment.DatabaseUrl,
            ["MEM0_DATABASE_SCHEMA"] = Schema,
            ["RABBITMQ_URL"] = TestEnvironment.RabbitMqUrl,
            ["MEM0_BUS_PREFIX"] = Schema,
            ["MEM0_API_KEY"] = ApiKey,
            ["MEM0_DEFAULT_USER_ID"] = "default-user",
            // The test server's address, so /mcp's Host and Origin checks see their own server.
            ["PUBLIC_BASE_URL"] = "http://localhost",
        };
        foreach (var (k, v) in TestVectorStore.Apply(Schema, overrides ?? new Dictionary<string, string?>())) _settings[k] = v;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        // Logs go to the capture only: the console would bury the test report under the hosts' JSON lines.
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<ILoggerProvider>();
            s.AddSingleton<ILoggerProvider>(Logs);
            if (_clock is not null) s.Replace(ServiceDescriptor.Singleton(_clock));
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ProxyOnLoopback>();
        });
    }

    /// <summary>A client that sends the API key; the host is started on first use.</summary>
    public HttpClient Authorized()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>A request client of this host's bus for one of its command queues, to send commands as the API does.</summary>
    public MassTransit.IRequestClient<T> CommandClient<T>(string queue) where T : class =>
        Services.GetRequiredService<MassTransit.IClientFactory>().CreateRequestClient<T>(new Uri($"queue:{queue}"));

    /// <summary>Waits until /healthz says PostgreSQL and the bus are both reachable (the bus connects in the background).</summary>
    public async Task<HttpClient> ReadyAsync()
    {
        var client = Authorized();
        var health = "";
        await Eventually.HoldsAsync(async () =>
            {
                using var r = await client.GetAsync("/healthz");
                health = await r.Content.ReadAsStringAsync();
                return r.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(60), "the host to become healthy",
            // What the host said about its bus and database while it did not become healthy: the likely culprits.
            () => Task.FromResult($"/healthz: {health}\n" + string.Join("\n", Logs.Lines.Where(l => l.Contains("MassTransit") || l.Contains("Warn") || l.Contains("Error")).TakeLast(15))),
            TimeSpan.FromMilliseconds(100));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_dropSchemaOnDispose) return;
        await TestEnvironment.DropSchemaAsync(Schema);
        await TestVectorStore.ForgetAsync(Schema);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The in-process test server has no connection, so no remote address. Requests here come as from a reverse proxy on
/// the same machine (127.0.0.1, a trusted proxy by default), which is how the server is deployed: a test's
/// `X-Forwarded-For` then names the client the way nginx's header does.
/// </summary>
internal sealed class ProxyOnLoopback : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(inner => http =>
        {
            http.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return inner(http);
        });
        next(app);
    };
}

/// <summary>The default host, one per test class through IClassFixture.</summary>
public sealed class SharedHost() : Mem0Host(null, null);

/// <summary>A shared host without the auth-failure limits, for classes that send many wrong keys on purpose.</summary>
public sealed class UnlimitedHost() : Mem0Host(null, new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_FAILURES"] = "0" });
