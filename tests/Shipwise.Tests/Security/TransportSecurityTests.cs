using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shipwise.Hosting;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Security;

/// <summary>Strict-Transport-Security (Security:*) and the checks of the network settings. Through a real proxy: <see cref="ReverseProxyTests"/>.</summary>
public sealed class TransportSecurityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string?> HstsAsync(Dictionary<string, string?> settings, string baseAddress)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        settings["Panel:ReviewInBackground"] = "false";
        await using var factory = new ShipwiseFactory(database, settings);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
        var home = await client.GetAsync("/", Token);
        home.EnsureSuccessStatusCode();
        var api = await client.GetAsync("/api/tools/no-such-tool", Token);
        Assert.Equal(home.Headers.Contains("Strict-Transport-Security"), api.Headers.Contains("Strict-Transport-Security"));
        return home.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null;
    }

    [Fact]
    public async Task Hsts_is_sent_when_the_public_url_is_https_even_if_the_request_reached_the_server_as_http() =>
        Assert.Equal("max-age=31536000", await HstsAsync(new() { ["Shipwise:PublicUrl"] = "https://shipwise.example.org" }, "http://localhost"));

    [Fact]
    public async Task Without_a_public_url_hsts_follows_the_request_scheme()
    {
        Assert.Equal("max-age=31536000", await HstsAsync([], "https://localhost"));
        Assert.Null(await HstsAsync([], "http://localhost"));
    }

    [Fact]
    public async Task Hsts_can_be_turned_off_or_given_another_max_age()
    {
        Assert.Null(await HstsAsync(new() { ["Shipwise:PublicUrl"] = "https://shipwise.example.org", ["Security:Hsts"] = "off" }, "https://localhost"));
        Assert.Equal("max-age=2592000; includeSubDomains", await HstsAsync(
            new() { ["Security:HstsMaxAgeDays"] = "30", ["Security:HstsIncludeSubDomains"] = "true" }, "https://localhost"));
    }

    [Theory]
    [InlineData("Security:Hsts", "always", "Security:Hsts")]
    [InlineData("Network:TrustedProxies:0", "nginx.local", "Network:TrustedProxies:0")]
    [InlineData("Network:TrustedProxies", "127.0.0.1, 10.0.0.300", "Network:TrustedProxies:1")]
    [InlineData("Network:TrustedNetworks:0", "10.0.0.0/33", "Network:TrustedNetworks:0")]
    public void A_wrong_security_or_network_setting_stops_the_start_naming_it(string key, string value, string named)
    {
        using var app = ShipwiseHost.BuildWebApp([$"--{key}={value}"]);
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(named, string.Join(" ", failure.Failures));
    }

    [Fact]
    public void Proxies_may_be_listed_as_indexed_keys_or_one_comma_separated_value()
    {
        using var app = ShipwiseHost.BuildWebApp(["--Network:TrustedProxies=127.0.0.1, ::1", "--Network:TrustedNetworks:0=10.0.0.0/8"]);
        var network = app.Services.GetRequiredService<IOptions<Shipwise.Security.NetworkOptions>>().Value;
        Assert.Equal(["127.0.0.1", "::1"], network.TrustedProxies);
        var forwarded = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        Assert.Equal(2, forwarded.KnownProxies.Count);
        Assert.Single(forwarded.KnownIPNetworks);
    }
}
