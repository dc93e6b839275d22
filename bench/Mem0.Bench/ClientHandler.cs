using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Mem0.Bench;

/// <summary>The bench's connection: plain, or to a proxy's https address with its own CA and name resolution.</summary>
public static class ClientHandler
{
    public static SocketsHttpHandler For(BenchOptions options)
    {
        var handler = new SocketsHttpHandler();
        if (options.Resolve is { } resolve)
        {
            var (host, address) = (resolve[..resolve.LastIndexOf(':')], IPAddress.Parse(resolve[(resolve.LastIndexOf(':') + 1)..]));
            handler.ConnectCallback = async (context, ct) =>
            {
                var target = string.Equals(context.DnsEndPoint.Host, host, StringComparison.OrdinalIgnoreCase)
                    ? new IPEndPoint(address, context.DnsEndPoint.Port)
                    : (EndPoint)context.DnsEndPoint;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(target, ct);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }
        if (options.Ca is { } caFile)
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                },
            };
        }
        return handler;
    }
}
