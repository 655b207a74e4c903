using System.Net;

namespace Shipwise.Security;

/// <summary>
/// Who a request is from, as rate limits and view counts key it: the connection's address, which
/// is the client's own when a trusted proxy forwarded it (Network:TrustedProxies). An IPv6 client
/// is keyed by its /64, since one subscriber line gets a whole /64 and could otherwise rotate through it.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
