using System.Net;
using System.Reflection;
using Mem0.QdrantStandIn.Wire;
using Mem0.QdrantStandIn.Rest;
using Mem0.QdrantStandIn.Services;
using Mem0.QdrantStandIn.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mem0.QdrantStandIn;

/// <summary>
/// A Qdrant for tests: gRPC on one port (HTTP/2 without TLS, as Qdrant's 6334) and REST on another (HTTP/1.1, as
/// 6333), the data in memory. It can be stopped and started again on the same ports with its data, to be a Qdrant
/// that went away and came back, and <see cref="Faults"/> make it slow, refusing or dropping while it runs.
/// </summary>
public sealed class QdrantStandIn : IAsyncDisposable
{
    private readonly string? _apiKey;
    private readonly IPAddress _address;
    private WebApplication? _app;

    private QdrantStandIn(int grpcPort, int restPort, string? apiKey, IPAddress address)
    {
        GrpcPort = grpcPort;
        RestPort = restPort;
        _apiKey = apiKey;
        _address = address;
        Gate = new CallGate(Faults, apiKey);
    }

    public StandInStore Store { get; } = new();
    public StandInFaults Faults { get; } = new();
    public CallGate Gate { get; }
    public int GrpcPort { get; private set; }
    public int RestPort { get; private set; }

    /// <summary>The Qdrant version it reports: the release line the client was made for, unless a test says otherwise.</summary>
    public string Version { get; set; } = ClientLine;

    /// <summary>Qdrant.Client's major.minor, as a server version (`1.20.0` for client 1.20.x).</summary>
    public static string ClientLine
    {
        get
        {
            // The assembly's own version is pinned at 1.0.0.0; the package version is the informational one.
            var informational = typeof(global::Qdrant.Client.QdrantClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
            return System.Version.TryParse(informational?.InformationalVersion.Split('-', '+')[0], out var v) ? $"{v.Major}.{v.Minor}.0" : "1.0.0";
        }
    }

    public Uri GrpcUrl => new($"http://127.0.0.1:{GrpcPort}");
    public Uri RestUrl => new($"http://127.0.0.1:{RestPort}");

    /// <summary>Starts on the given ports (0: any free one), listening on loopback unless told otherwise.</summary>
    public static async Task<QdrantStandIn> StartAsync(int grpcPort = 0, int restPort = 0, string? apiKey = null, IPAddress? address = null)
    {
        var standIn = new QdrantStandIn(grpcPort, restPort, apiKey, address ?? IPAddress.Loopback);
        await standIn.StartAgainAsync();
        return standIn;
    }

    /// <summary>Listens again on the same ports, with the data it had.</summary>
    public async Task StartAgainAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(_address, GrpcPort, o => o.Protocols = HttpProtocols.Http2);
            k.Listen(_address, RestPort, o => o.Protocols = HttpProtocols.Http1);
            // Upserts of a rebuild carry 256 vectors of up to 3,072 floats.
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 64 * 1024 * 1024;
            o.EnableDetailedErrors = true;
        });
        var table = new MethodTable();
        new QdrantHandlers(() => Version).AddTo(table);
        new CollectionsHandlers(Store).AddTo(table);
        new PointsHandlers(Store).AddTo(table);
        new SnapshotsHandlers(Store).AddTo(table);
        builder.Services.AddSingleton(table);
        builder.Services.AddSingleton(Gate);
        builder.Services.AddSingleton<Grpc.AspNetCore.Server.Model.IServiceMethodProvider<StandInGrpcService>, StandInMethodProvider>();
        var app = builder.Build();
        app.MapGrpcService<StandInGrpcService>();
        RestRoutes.Map(app, Store, Faults, () => Version, _apiKey);
        await app.StartAsync();
        var bound = app.Urls.Select(u => new Uri(u).Port).ToList();
        if (GrpcPort == 0) GrpcPort = bound[0];
        if (RestPort == 0) RestPort = bound[1];
        _app = app;
    }

    /// <summary>Stops listening (a connection is refused) and keeps the data for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(grace.Token);
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
