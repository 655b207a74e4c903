using System.Net;
using Shipwise.Hosting;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Mail;

namespace Shipwise.Tests.Accounts;

/// <summary>Start-up checks of the account settings, the sign-in rate limit, and a site without mail.</summary>
public sealed class AccountSettingsTests
{
    // The real host, started as `serve` starts it: WebApplicationFactory loses the exception of a host that fails to start.
    private static async Task<Exception> StartFailureAsync(Dictionary<string, string?> settings)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var args = database.Settings().Concat(settings).Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").Concat(["--urls", "http://127.0.0.1:0"]).ToArray();
        await using var app = ShipwiseHost.BuildWebApp(args);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(TestContext.Current.CancellationToken));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return failure;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shipwise.example.org")]
    [InlineData("ftp://shipwise.example.org")]
    [InlineData("/relative")]
    [InlineData("https://shipwise.example.org/?a=1")]
    public async Task Mail_without_an_absolute_public_url_stops_the_start_naming_the_setting(string? publicUrl)
    {
        var failure = await StartFailureAsync(new()
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:From"] = "Shipwise <signin@shipwise.test>",
            ["Smtp:Tls"] = "none",
            ["Shipwise:PublicUrl"] = publicUrl,
        });
        Assert.Contains("Shipwise:PublicUrl", failure.Message);
    }

    [Fact]
    public async Task An_operator_entry_that_is_not_an_address_stops_the_start_naming_it()
    {
        var failure = await StartFailureAsync(new() { ["Shipwise:Operators:0"] = "ops@shipwise.test", ["Shipwise:Operators:1"] = "root" });
        Assert.Contains("Shipwise:Operators:1", failure.Message);
    }

    [Fact]
    public async Task Without_mail_the_site_starts_and_says_signing_in_is_unavailable()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new ShipwiseFactory(database, new() { ["Panel:ReviewInBackground"] = "false" });
        using var browser = new ReaderBrowser(factory);
        var page = await browser.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("not available on this server", page.Html);
        Assert.DoesNotContain("name=\"email\"", page.Html);
    }

    [Fact]
    public async Task Asking_for_links_is_rate_limited_per_address_but_showing_the_form_is_not()
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var settings = AccountsApp.Settings(mail);
        settings["RateLimits:SignInPerIp:PermitLimit"] = "2";
        await using var factory = new ShipwiseFactory(database, settings);
        using var browser = new ReaderBrowser(factory);

        string form = "";
        for (var i = 0; i < 5; i++)
        {
            var page = await browser.GetAsync("/signin");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            form = page.Html;
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/signin", form, ("email", $"limited-{i}@shipwise.test"))).Status);
        }

        var refused = await browser.PostAsync("/signin", form, ("email", "limited-2@shipwise.test"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.True(refused.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public void Public_urls_for_mail_are_absolute_http_addresses()
    {
        Assert.True(Shipwise.Accounts.MailLinks.TryParseBase("https://shipwise.example.org/", out var trimmed));
        Assert.Equal("https://shipwise.example.org", trimmed);
        Assert.True(Shipwise.Accounts.MailLinks.TryParseBase("http://127.0.0.1:8080/shipwise", out var withPath));
        Assert.Equal("http://127.0.0.1:8080/shipwise", withPath);
        Assert.False(Shipwise.Accounts.MailLinks.TryParseBase("https://user:pw@shipwise.example.org", out _));
    }
}
