using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Field;

/// <summary>
/// The production topology, started by ops/field.sh: nginx terminating TLS for mem0.field.test on 127.0.0.1:443,
/// two api processes behind it, two extractors, one scheduler, all from the published server. Clients trust the
/// run's throwaway CA and resolve the host name to 127.0.0.1 themselves; each may bind its own loopback source
/// address (127.0.0.2, .3, …), so the proxy sees different clients, as it would on the internet.
/// </summary>
public class FieldTopology : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mem0-field-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The PostgreSQL and RabbitMQ the processes use: the tests' shared ones, unless a subclass brings its own.</summary>
    protected virtual string DatabaseUrl => TestEnvironment.DatabaseUrl;
    protected virtual string RabbitMqUrl => TestEnvironment.RabbitMqUrl;

    /// <summary>Runs before the processes start and after they stop: where a subclass starts and stops its own services.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;
    protected virtual Task AfterStopAsync() => Task.CompletedTask;
    private Dictionary<string, string> _env = [];
    private X509Certificate2? _ca;

    public string Host => _env["FIELD_HOST"];
    public string Schema => _env["FIELD_SCHEMA"];
    public IReadOnlyList<string> Processes => ["api1", "api2", "extractor1", "extractor2", "scheduler"];
    public Uri Url => new(_env["FIELD_URL"]);
    public string ApiKey => _env["FIELD_API_KEY"];
    public int Port(string process) => int.Parse(_env[$"FIELD_{process.ToUpperInvariant()}_PORT"]);
    public int Pid(string process) => int.Parse(_env[$"FIELD_{process.ToUpperInvariant()}_PID"]);
    public string Log(string process) => File.ReadAllText(Path.Combine(_dir, "logs", process + ".log"));

    /// <summary>The process's pid now (it changes when a test restarts it).</summary>
    public int CurrentPid(string process) => int.Parse(File.ReadAllText(Path.Combine(_dir, process + ".pid")).Trim());

    /// <summary>The named processes, killed by a test, started again as ops/field.sh started them; returns when each answers /healthz.</summary>
    public async Task RestartAsync(params string[] processes)
    {
        var (code, output) = await FieldScriptAsync("restart", [], processes);
        if (code != 0) throw new InvalidOperationException($"ops/field.sh restart failed ({code}):\n{output}");
    }

    public async Task InitializeAsync()
    {
        if (FieldFactAttribute.App is null) return;
        await BeforeStartAsync();
        var env = new Dictionary<string, string>
        {
            ["FIELD_APP"] = FieldFactAttribute.App,
            ["MEM0_DATABASE_URL"] = DatabaseUrl,
            ["RABBITMQ_URL"] = RabbitMqUrl,
        };
        if (TestVectorStore.IsQdrant)
        {
            var qdrant = Qdrant.QdrantTarget.Settings("unused");
            env["FIELD_VECTOR_STORE"] = "qdrant";
            env["FIELD_QDRANT_HOST"] = qdrant["QDRANT_HOST"]!;
            env["FIELD_QDRANT_GRPC_PORT"] = qdrant["QDRANT_GRPC_PORT"]!;
            env["FIELD_QDRANT_PORT"] = qdrant["QDRANT_PORT"]!;
            env["FIELD_QDRANT_API_KEY"] = qdrant["QDRANT_API_KEY"]!;
        }
        var (code, output) = await FieldScriptAsync("start", env);
        if (code != 0) throw new InvalidOperationException($"ops/field.sh start failed ({code}):\n{output}");
        _env = File.ReadAllLines(Path.Combine(_dir, "field.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        _ca = X509Certificate2.CreateFromPem(File.ReadAllText(_env["FIELD_CA"]));
    }

    public async Task DisposeAsync()
    {
        if (FieldFactAttribute.App is null) return;
        await FieldScriptAsync("stop", []);
        if (_env.TryGetValue("FIELD_SCHEMA", out var schema))
        {
            await DropSchemaAsync(schema);
            await TestVectorStore.ForgetAsync(schema);
        }
        await AfterStopAsync();
        _ca?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// A client of the public URL from <paramref name="source"/>: the name resolves to 127.0.0.1:443 for this client
    /// only, and the server's certificate must chain to the run's CA (nothing else is trusted).
    /// </summary>
    public HttpClient Client(string source = "127.0.0.2", bool withKey = true, bool redirects = false) =>
        new(Handler(source, redirects), disposeHandler: true)
        {
            BaseAddress = Url,
            DefaultRequestHeaders = { Authorization = withKey ? new("Bearer", ApiKey) : null },
        };

    /// <summary>One process directly, as nginx reaches it (plain HTTP on loopback).</summary>
    public HttpClient Direct(string process) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{Port(process)}"), DefaultRequestHeaders = { Authorization = new("Bearer", ApiKey) } };

    public SocketsHttpHandler Handler(string source, bool redirects = false) => new()
    {
        AllowAutoRedirect = redirects,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = async (context, ct) =>
        {
            if (!string.Equals(context.DnsEndPoint.Host, Host, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The rehearsal's clients reach only {Host}, not {context.DnsEndPoint.Host}.");
            }
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedByRunCa(certificate, errors),
        },
    };

    private bool TrustedByRunCa(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    protected virtual Task DropSchemaAsync(string schema) => TestEnvironment.DropSchemaAsync(schema);

    private async Task<(int Code, string Output)> FieldScriptAsync(string command, Dictionary<string, string> env, string[]? args = null)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "ops", "field.sh"), command, _dir, .. args ?? []])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = root,
        };
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    protected static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mem0.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Mem0.sln not found above the test output.");
    }
}
