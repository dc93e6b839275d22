using System.Net;
using System.Net.Sockets;

namespace Mem0.Api.Auth.Limits;

/// <summary>
/// Who a failure is counted against: an IPv4 address whole, an IPv6 address by its /64. One IPv6 host is usually
/// given a whole /64, so counting single addresses would hand an attacker 2^64 fresh budgets.
/// </summary>
public static class ClientKey
{
    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
