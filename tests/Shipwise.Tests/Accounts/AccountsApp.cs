using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Data;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Mail;

namespace Shipwise.Tests.Accounts;

/// <summary>The app on a real database, mailing through a real SMTP server (maildev) on loopback.</summary>
public abstract class AccountsApp(string provider) : IAsyncLifetime
{
    public const string PublicUrl = "https://shipwise.test";
    public const string OperatorAddress = "operator@shipwise.test";

    private readonly FixtureSkip _skip = new();
    private TestDatabase? _database;
    private MailDevServer? _mail;
    private ShipwiseFactory? _factory;

    public TestDatabase Database => _skip.Get(_database);

    public MailDevServer Mail => _skip.Get(_mail);

    public ShipwiseFactory Factory => _skip.Get(_factory);

    public string Provider => provider;

    public ValueTask InitializeAsync() => _skip.StartAsync(async () =>
    {
        _database = await TestDatabase.CreateAsync(provider);
        _mail = await MailDevServer.StartAsync();
        _factory = new ShipwiseFactory(_database, Settings(_mail));
        _ = _factory.Server;
    });

    public static Dictionary<string, string?> Settings(MailDevServer mail)
    {
        var settings = mail.Settings("Shipwise <signin@shipwise.test>");
        settings["Shipwise:PublicUrl"] = PublicUrl;
        settings["Shipwise:Operators:0"] = OperatorAddress;
        settings["Panel:ReviewInBackground"] = "false";

        // Every request of a test comes from the same (unknown) client address; the limits have their own test.
        settings["RateLimits:SignInPerIp:PermitLimit"] = "100000";
        settings["RateLimits:VotesPerIp:PermitLimit"] = "100000";
        return settings;
    }

    public ReaderBrowser NewBrowser(bool https = true) => new(Factory, https);

    /// <summary>A browser signed in as <paramref name="email"/> through the whole mail round trip.</summary>
    public async Task<ReaderBrowser> SignedInAsync(string email)
    {
        var browser = NewBrowser();
        var link = await browser.RequestLinkAsync(Mail, email);
        var confirm = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        var signedIn = await browser.PostAsync("/signin/confirm", confirm.Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }

    public async Task<T> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? default!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_mail is not null)
        {
            await _mail.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAccountsApp() : AccountsApp("sqlite");

public sealed class PostgresAccountsApp() : AccountsApp("postgres");

public sealed record Page(HttpStatusCode Status, string Html, HttpResponseMessage Response)
{
    public string? Location => Response.Headers.Location?.OriginalString;
}

/// <summary>An HTTP client that keeps cookies like a browser and sends forms with their antiforgery token.</summary>
public sealed partial class ReaderBrowser : IDisposable
{
    private readonly HttpClient _http;

    public ReaderBrowser(ShipwiseFactory factory, bool https = true)
    {
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost");
        _http = factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(Cookies));
    }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; } = new();

    public string? SessionCookie => Cookies.GetCookies(BaseAddress)["shipwise_session"]?.Value;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("""https?://[^\s"<>]+/signin/confirm\?token=[A-Za-z0-9_\-]+""")]
    private static partial Regex SignInLink();

    public static string? AntiforgeryToken(string html) => AntiforgeryField().Match(html) is { Success: true } match ? match.Groups[1].Value : null;

    public static string QueryToken(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    public async Task<Page> GetAsync(string pathOrUrl)
    {
        var response = await _http.GetAsync(PathOf(pathOrUrl), Token);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(Token), response);
    }

    /// <summary>Posts a form with the antiforgery token found in <paramref name="formPage"/> (null: without a token).</summary>
    public async Task<Page> PostAsync(string path, string? formPage, params (string Name, string Value)[] fields)
    {
        var all = fields.ToList();
        if (formPage is not null)
        {
            all.Add(("__RequestVerificationToken", AntiforgeryToken(formPage) ?? throw new InvalidOperationException("The page has no antiforgery token.")));
        }

        var response = await _http.PostAsync(path, new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), Token);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(Token), response);
    }

    /// <summary>A form token for this browser's reader, taken from a page with a form.</summary>
    public async Task<string> FormPageAsync(string path = "/signout")
    {
        var page = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Html;
    }

    /// <summary>Asks for a sign-in link and returns it as it arrived by mail.</summary>
    public async Task<string> RequestLinkAsync(MailDevServer mail, string email)
    {
        var before = (await mail.MessagesAsync(Token)).Count(m => m.Recipient == email);
        var form = await GetAsync("/signin");
        var sent = await PostAsync("/signin", form.Html, ("email", email));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("Check your email", sent.Html);
        var messages = await mail.WaitForMessagesAsync(before + 1, m => m.Recipient == email, cancellationToken: Token);
        return LinkIn(messages[^1].Text ?? "");
    }

    public static string LinkIn(string text) =>
        SignInLink().Match(text) is { Success: true } match ? match.Value : throw new InvalidOperationException("No sign-in link in: " + text);

    public void Dispose() => _http.Dispose();

    private static string PathOf(string pathOrUrl) =>
        pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? new Uri(pathOrUrl).PathAndQuery : pathOrUrl;
}
