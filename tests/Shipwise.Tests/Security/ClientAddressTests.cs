using System.Net;
using Microsoft.AspNetCore.Http;
using Shipwise.Security;

namespace Shipwise.Tests.Security;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Rate_limits_key_a_client_by_its_address_and_an_ipv6_client_by_its_64(string address, string key)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        Assert.Equal(key, ClientAddress.Of(context));
    }

    [Fact]
    public void A_request_without_an_address_shares_one_key() => Assert.Equal("unknown", ClientAddress.Of(new DefaultHttpContext()));
}
