using System.Net;
using System.Net.Sockets;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// A loopback TCP relay in front of a real server, which a test can cut (every connection dropped, new ones
/// refused) and restore: how a host sees its database go away and come back, without stopping the shared one.
/// </summary>
public sealed class TcpCutter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cut;
    private volatile bool _silent;

    public TcpCutter(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Like <see cref="Cut"/>, but new connections are accepted and then never answered: a host that is gone without a reset.</summary>
    public void Blackhole()
    {
        _silent = true;
        Cut();
    }

    public void Restore() => (_cut, _silent) = (false, false);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_silent) { lock (_open) _open.Add(inbound); continue; }
            if (_cut) { inbound.Dispose(); continue; }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            lock (_open) { _open.Add(inbound); _open.Add(outbound); }
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), _stop.Token),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), _stop.Token));
        }
        catch (Exception)
        {
            // A cut connection ends here; the host sees its socket closed.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        return ValueTask.CompletedTask;
    }
}
