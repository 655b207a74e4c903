using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Data;
using Shipwise.Digest;
using Shipwise.Tests.Accounts;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Mail;

namespace Shipwise.Tests.Digest;

/// <summary>
/// One app per test (each digest test owns its week): a real database, the demo catalog with no
/// reviews (tests set the verdicts they need), mail through maildev on loopback, a test clock.
/// </summary>
public sealed partial class DigestApp : IAsyncDisposable
{
    public const string PublicUrl = "https://shipwise.test";
    public const string OperatorAddress = "operator@shipwise.test";

    private DigestApp(TestDatabase database, MailDevServer mail, ShipwiseFactory factory)
    {
        Database = database;
        Mail = mail;
        Factory = factory;
    }

    public TestDatabase Database { get; }

    public MailDevServer Mail { get; }

    public ShipwiseFactory Factory { get; }

    public FakeTimeProvider Clock => Factory.Clock;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex("""https://shipwise\.test/(subscribe/confirm|unsubscribe)\?token=[A-Za-z0-9_\-]+""")]
    private static partial Regex MailLink();

    public static async Task<DigestApp> StartAsync(string provider, Dictionary<string, string?>? extra = null)
    {
        // The database first: it may skip the test (no PostgreSQL here), which would leave a maildev started before it running.
        var database = await TestDatabase.CreateAsync(provider);
        MailDevServer mail;
        try
        {
            mail = await MailDevServer.StartAsync();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        var settings = Settings(mail);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var factory = new ShipwiseFactory(database, settings);
        _ = factory.Server;
        return new DigestApp(database, mail, factory);
    }

    public static Dictionary<string, string?> Settings(MailDevServer mail)
    {
        var settings = mail.Settings("Shipwise <digest@shipwise.test>");
        settings["Shipwise:PublicUrl"] = PublicUrl;
        settings["Shipwise:Operators:0"] = OperatorAddress;
        settings["Panel:ReviewInBackground"] = "false";
        settings["RateLimits:SignInPerIp:PermitLimit"] = "100000";
        return settings;
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public ReaderBrowser NewBrowser() => new(Factory);

    /// <summary>Runs the digest send in process, as `shipwise digest send` does, on the test clock.</summary>
    public Task<DigestRun> SendDigestAsync(string node = "test-node") => Service<DigestSender>().SendAsync(node, scheduled: false, progress: null, Token);

    public async Task<long> AddSubscriberAsync(string email, string status = "confirmed")
    {
        await using var connection = await Service<Db>().OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO subscribers (email, status, created_at, confirmed_at) VALUES (@email, @status, @now, @now) RETURNING id",
            new { email, status, now = Clock.GetUtcNow() });
    }

    public async Task<string?> StatusOfAsync(string email)
    {
        await using var connection = await Service<Db>().OpenAsync(Token);
        return await connection.ExecuteScalarAsync<string?>("SELECT status FROM subscribers WHERE email = @email", new { email });
    }

    /// <summary>Gives a tool a panel verdict that changed at <paramref name="at"/> (default: an hour ago), as ReviewStore would.</summary>
    public Task SetVerdictAsync(string slug, int ships, int skips, DateTimeOffset? at = null, int? previousRank = null, int? previousPercent = null, string? name = null, string? vendor = null) =>
        SetVerdictAsync(Service<Db>(), slug, ships, skips, at ?? Clock.GetUtcNow().AddHours(-1), previousRank, previousPercent, name, vendor);

    public static async Task SetVerdictAsync(
        Db db, string slug, int ships, int skips, DateTimeOffset at, int? previousRank = null, int? previousPercent = null, string? name = null, string? vendor = null)
    {
        await using var connection = await db.OpenAsync(Token);
        var percent = ships + skips == 0 ? (int?)null : (int)Math.Round(100.0 * ships / (ships + skips), MidpointRounding.AwayFromZero);
        var rank = ships + skips == 0 ? 0 : ships > skips ? 2 : 1;
        var changed = await connection.ExecuteAsync(
            """
            UPDATE tools SET panel_ships = @ships, panel_skips = @skips, panel_percent = @percent, panel_rank = @rank, panel_changed_at = @at,
                panel_previous_rank = @previousRank, panel_previous_percent = @previousPercent,
                name = COALESCE(@name, name), vendor = COALESCE(@vendor, vendor)
            WHERE slug = @slug
            """,
            new { slug, ships, skips, percent, rank, at, previousRank, previousPercent, name, vendor });
        Assert.Equal(1, changed);
    }

    /// <summary>Subscribes through the form and returns the confirmation link as it arrived by mail.</summary>
    public async Task<string> SubscribeAsync(ReaderBrowser browser, string email)
    {
        var typed = email;
        email = email.ToLowerInvariant();
        var before = (await Mail.MessagesAsync(Token)).Count(m => m.Recipient == email);
        var form = await browser.GetAsync("/subscribe");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var sent = await browser.PostAsync("/subscribe", form.Html, ("email", typed));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("Check your email", sent.Html);
        var messages = await Mail.WaitForMessagesAsync(before + 1, m => m.Recipient == email, cancellationToken: Token);
        return LinkIn(messages[^1].Text ?? "", "subscribe/confirm");
    }

    /// <summary>A browser signed in as <paramref name="email"/> through the sign-in mail.</summary>
    public async Task<ReaderBrowser> SignedInAsync(string email)
    {
        var browser = NewBrowser();
        var link = await browser.RequestLinkAsync(Mail, email);
        var confirm = await browser.GetAsync(link);
        var signedIn = await browser.PostAsync("/signin/confirm", confirm.Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }

    public static string LinkIn(string text, string kind) =>
        MailLink().Matches(text).Select(m => m.Value).FirstOrDefault(l => l.Contains("/" + kind + "?", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No {kind} link in: {text}");

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Mail.DisposeAsync();
        await Database.DisposeAsync();
    }
}
