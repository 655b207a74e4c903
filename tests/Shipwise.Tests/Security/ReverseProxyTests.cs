using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shipwise.Accounts;
using Shipwise.Tests.Community;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Security;

/// <summary>
/// The real server behind a real nginx on loopback, trusting only the proxy's address
/// (Network:TrustedProxies=127.0.0.1). Readers connect from 127.0.0.2 … 127.0.0.15, so each
/// has its own address, as readers on the internet have.
/// </summary>
public abstract partial class ReverseProxyTests(string provider) : IAsyncLifetime
{
    private const int SignInsPerAddress = 2;

    private TestDatabase _database = null!;
    private IHost _readers = null!;
    private ServerProcess _server = null!;
    private NginxProxy _nginx = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Before anything starts: xUnit does not dispose a test class whose InitializeAsync skipped, so a server started first would be left running.
        Browser.ExternalTools.Require(NginxProxy.PathVariable, "nginx");
        _database = await TestDatabase.CreateAsync(provider);
        _readers = await ReaderHost.StartAsync(_database);
        _server = await ServerProcess.StartAsync(_database, new()
        {
            ["Network__TrustedProxies"] = "127.0.0.1",
            ["RateLimits__SignInPerIp__PermitLimit"] = SignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits__SignInPerIp__WindowSeconds"] = "600",

            // Mail is configured (so the form takes requests) but goes nowhere: nothing listens on that port.
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = NginxProxy.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Tls"] = "none",
            ["Smtp__From"] = "Shipwise <signin@shipwise.test>",
            ["Smtp__MaxAttempts"] = "1",
            ["Shipwise__PublicUrl"] = "http://shipwise.test",
            ["Logging__LogLevel__Shipwise.Mail"] = "None",
        });
        _nginx = await NginxProxy.StartAsync(_server.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _server.DisposeAsync();
        _readers.Dispose();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex FormToken();

    private static string TokenIn(string html) =>
        FormToken().Match(html) is { Success: true } m ? m.Groups[1].Value + m.Groups[2].Value : throw new InvalidOperationException("The page has no form token.");

    // Asks for a sign-in link the way a browser does: the form, then the post (with a spoofed X-Forwarded-For, which must change nothing).
    private static async Task<HttpStatusCode> AskForLinkAsync(HttpClient client, string email, string spoofedFor)
    {
        var form = await client.GetStringAsync("/signin", Token);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent([new("email", email), new("__RequestVerificationToken", TokenIn(form))]),
        };
        post.Headers.Add("X-Forwarded-For", spoofedFor);
        post.Headers.Add("X-Forwarded-Proto", "https");
        return (await client.SendAsync(post, Token)).StatusCode;
    }

    [Fact]
    public async Task Behind_nginx_each_of_14_readers_has_their_own_rate_limit()
    {
        var answers = new List<(int Reader, HttpStatusCode[] Statuses)>();
        for (var reader = 2; reader <= 15; reader++)
        {
            using var client = _nginx.Client(_nginx.Http, IPAddress.Parse($"127.0.0.{reader}"), new CookieContainer());
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= SignInsPerAddress; i++)
            {
                statuses.Add(await AskForLinkAsync(client, $"reader-{reader}-{i}-{Guid.NewGuid():n}@shipwise.test", $"198.51.100.{reader * 10 + i}"));
            }

            answers.Add((reader, statuses.ToArray()));
        }

        var expected = Enumerable.Repeat(HttpStatusCode.OK, SignInsPerAddress).Append(HttpStatusCode.TooManyRequests).ToArray();
        var wrong = answers.Where(a => !a.Statuses.SequenceEqual(expected)).Select(a => $"127.0.0.{a.Reader}: {string.Join(", ", a.Statuses.Select(s => (int)s))}").ToList();
        Assert.True(wrong.Count == 0, "Each reader should get its own two sign-ins, then 429:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_forwarded_address_and_scheme_sent_directly_by_a_client_are_ignored()
    {
        // Straight to the server from an address that is not the proxy: every request claims another client and https.
        using var direct = _nginx.Client(_server.Address, IPAddress.Parse("127.0.0.16"), new CookieContainer());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInsPerAddress; i++)
        {
            statuses.Add(await AskForLinkAsync(direct, $"spoofer-{i}-{Guid.NewGuid():n}@shipwise.test", $"203.0.113.{i + 1}"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("X-Forwarded-Proto", "https");
        var page = await direct.SendAsync(home, Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_nginx_https_is_recognised_for_the_session_cookie_and_hsts()
    {
        foreach (var (via, https) in new[] { (_nginx.Https, true), (_nginx.Http, false) })
        {
            using var client = _nginx.Client(via, IPAddress.Parse("127.0.0.20"), new CookieContainer());
            var home = await client.GetAsync("/", Token);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(https, home.Headers.Contains("Strict-Transport-Security"));
            if (https)
            {
                Assert.Equal("max-age=31536000", home.Headers.GetValues("Strict-Transport-Security").Single());
            }

            // Finishing a sign-in through the proxy: the session cookie is Secure exactly when the reader came over https.
            var (token, _) = _readers.Services.GetRequiredService<SignInLinks>().Issue($"secure-{https}-{Guid.NewGuid():n}@shipwise.test", null);
            var confirm = await client.GetStringAsync("/signin/confirm?token=" + token, Token);
            var signedIn = await client.PostAsync("/signin/confirm", new FormUrlEncodedContent([new("token", token), new("__RequestVerificationToken", TokenIn(confirm))]), Token);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shipwise_session=", StringComparison.Ordinal));
            Assert.Equal(https, session.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        }
    }
}

public sealed class SqliteReverseProxyTests() : ReverseProxyTests("sqlite");

public sealed class PostgresReverseProxyTests() : ReverseProxyTests("postgres");
