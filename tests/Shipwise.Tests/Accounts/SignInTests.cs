using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Accounts;

/// <summary>Passwordless sign-in over HTTP, with the link delivered by a real SMTP server.</summary>
public abstract partial class SignInTests(AccountsApp app)
{
    private static string NewAddress(string who) => $"{who}-{Guid.NewGuid():n}@shipwise.test";

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [Fact]
    public async Task A_sign_in_link_arrives_by_mail_and_works_once()
    {
        var email = NewAddress("reader");
        using var browser = app.NewBrowser();
        var link = await browser.RequestLinkAsync(app.Mail, email);

        var mail = (await app.Mail.MessagesAsync(TestContext.Current.CancellationToken)).Last(m => m.Recipient == email);
        Assert.Equal("Your Shipwise sign-in link", mail.Subject);
        Assert.StartsWith($"{AccountsApp.PublicUrl}/signin/confirm?token=", link);
        Assert.Contains(link, mail.Html);
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE email = @email", new { email }));

        // Opening the link (as a mail scanner would, twice) uses nothing up.
        var first = await browser.GetAsync(link);
        var second = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("Finish signing in", second.Html);
        Assert.Contains(email, second.Html);
        Assert.Null(browser.SessionCookie);

        var signedIn = await browser.PostAsync("/signin/confirm", second.Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/account", signedIn.Location);
        Assert.NotNull(browser.SessionCookie);
        var account = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains(email, account.Html);
        Assert.Equal(1, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE email = @email", new { email }));

        // The same link again, from another browser: refused, and nobody is signed in.
        using var other = app.NewBrowser();
        var again = await other.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Contains("already been used", again.Html);
        var reuse = await other.PostAsync("/signin/confirm", (await other.GetAsync("/signin")).Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.Gone, reuse.Status);
        Assert.Contains("already been used", reuse.Html);
        Assert.Null(other.SessionCookie);
    }

    [Fact]
    public async Task A_link_used_twice_at_the_same_moment_signs_in_once()
    {
        var email = NewAddress("race");
        using var requester = app.NewBrowser();
        var link = await requester.RequestLinkAsync(app.Mail, email);
        using var one = app.NewBrowser();
        using var two = app.NewBrowser();
        var pageOne = await one.GetAsync(link);
        var pageTwo = await two.GetAsync(link);
        var token = ReaderBrowser.QueryToken(link);

        var answers = await Task.WhenAll(
            one.PostAsync("/signin/confirm", pageOne.Html, ("token", token)),
            two.PostAsync("/signin/confirm", pageTwo.Html, ("token", token)));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Gone], answers.Select(a => a.Status).Order());
        Assert.Equal(1, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE email = @email", new { email }));
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_a_way_forward()
    {
        var email = NewAddress("late");
        using var browser = app.NewBrowser();

        // Just inside the lifetime still works...
        var timely = await browser.RequestLinkAsync(app.Mail, email);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(timely)).Status);

        // ...15 minutes after it was sent, it does not.
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var page = await browser.GetAsync(timely);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("This sign-in link has expired", page.Html);
        Assert.Contains("href=\"/signin\"", page.Html);
        var post = await browser.PostAsync("/signin/confirm", (await browser.GetAsync("/signin")).Html, ("token", ReaderBrowser.QueryToken(timely)));
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE email = @email", new { email }));
    }

    [Fact]
    public async Task A_tampered_or_forged_token_is_refused()
    {
        var email = NewAddress("forger");
        using var browser = app.NewBrowser();
        var token = ReaderBrowser.QueryToken(await browser.RequestLinkAsync(app.Mail, email));
        var flipped = token[..40] + (token[40] == 'A' ? 'B' : 'A') + token[41..];

        // A token made with the same format and purpose but another key ring, as an attacker without the site's keys would.
        var foreign = DataProtectionProvider.Create("Shipwise").CreateProtector("Shipwise.Accounts.SignInLink.v1");
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { i = "0123456789abcdef0123456789abcdef", e = email, t = 0L, x = long.MaxValue / 2, r = (string?)null });
        var forged = WebEncoders.Base64UrlEncode(foreign.Protect(payload));
        var unsigned = WebEncoders.Base64UrlEncode(payload);

        foreach (var bad in new[] { flipped, token[..^10], forged, unsigned, "not-a-token", "" })
        {
            var page = await browser.GetAsync("/signin/confirm?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("This sign-in link is not valid", page.Html);
            var form = await browser.GetAsync("/signin");
            var post = await browser.PostAsync("/signin/confirm", form.Html, ("token", bad));
            Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        }

        Assert.Null(browser.SessionCookie);
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE email = @email", new { email }));
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer()
    {
        var known = NewAddress("known");
        using var _ = await app.SignedInAsync(known);
        var unknown = NewAddress("unknown");

        var answers = new List<(Page Page, string Email)>();
        foreach (var email in new[] { known, unknown })
        {
            using var browser = app.NewBrowser();
            var form = await browser.GetAsync("/signin");
            answers.Add((await browser.PostAsync("/signin", form.Html, ("email", email)), email));
        }

        string Normalized((Page Page, string Email) answer) => AntiforgeryInput().Replace(answer.Page.Html, "").Replace(answer.Email, "ADDRESS", StringComparison.Ordinal);
        string Headers(Page page) => string.Join(",", page.Response.Headers.Select(h => h.Key).Where(k => k != "Date").Order())
            + string.Join(",", page.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split('=')[0]) : []);

        Assert.Equal(answers[0].Page.Status, answers[1].Page.Status);
        Assert.Equal(Normalized(answers[0]), Normalized(answers[1]));
        Assert.Equal(Headers(answers[0].Page), Headers(answers[1].Page));
        Assert.Contains("Check your email", answers[1].Page.Html);

        // Both get a link (the unknown address's owner may sign up with it), and asking creates no account.
        await app.Mail.WaitForMessagesAsync(1, m => m.Recipient == unknown, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE email = @unknown", new { unknown }));
    }

    [Fact]
    public async Task An_invalid_address_is_explained_and_nothing_is_sent()
    {
        using var browser = app.NewBrowser();
        var form = await browser.GetAsync("/signin");
        foreach (var bad in new[] { "", "not-an-address", "Reader <reader@shipwise.test>", "a@b", "x@shipwise.test\r\nBcc: victim@shipwise.test" })
        {
            var answer = await browser.PostAsync("/signin", form.Html, ("email", bad));
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Contains("field-error", answer.Html);
            Assert.Contains("aria-invalid=\"true\"", answer.Html);
        }
    }

    [Fact]
    public async Task An_address_with_letters_outside_ascii_gets_its_link_through_smtputf8()
    {
        foreach (var local in new[] { "rené", "читатель" })
        {
            var address = $"{local}-{Guid.NewGuid():n}@shipwise.test";
            using var browser = app.NewBrowser();
            var link = await browser.RequestLinkAsync(app.Mail, address);
            var confirm = await browser.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, confirm.Status);
            var signedIn = await browser.PostAsync("/signin/confirm", confirm.Html, ("token", ReaderBrowser.QueryToken(link)));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
            Assert.Equal(address, await app.QueryAsync<string>("SELECT email FROM accounts WHERE email = @address", new { address }));
        }
    }

    [Fact]
    public async Task Forms_without_a_valid_antiforgery_token_are_rejected()
    {
        var email = NewAddress("csrf");
        using var browser = await app.SignedInAsync(email);
        using var stranger = await app.SignedInAsync(NewAddress("stranger"));
        var strangersForm = await stranger.FormPageAsync();
        var accountId = await app.QueryAsync<long>("SELECT id FROM accounts WHERE email = @email", new { email });

        using (var anonymous = app.NewBrowser())
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/signin", null, ("email", NewAddress("x")))).Status);

            // A reader's form posted without a session is refused before its token is looked at.
            var anonymousForm = (await anonymous.GetAsync("/signin")).Html;
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/bookmarks", anonymousForm, ("kind", "tool"), ("target", "smolvlm2"))).Status);
        }

        foreach (var formPage in new[] { null, strangersForm })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/bookmarks", formPage, ("kind", "tool"), ("target", "smolvlm2"))).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/bookmarks/remove", formPage, ("kind", "tool"), ("target", "smolvlm2"))).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/account/delete", formPage, ("confirm", "true"))).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/signout", formPage)).Status);
        }

        // Nothing happened: still signed in, account and address intact, nothing bookmarked.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).Status);
        Assert.Equal(email, await app.QueryAsync<string>("SELECT email FROM accounts WHERE id = @accountId", new { accountId }));
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM bookmarks WHERE account_id = @accountId", new { accountId }));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_secure_over_https()
    {
        foreach (var https in new[] { true, false })
        {
            using var browser = app.NewBrowser(https);
            var email = NewAddress("cookie");
            var link = await browser.RequestLinkAsync(app.Mail, email);
            var page = await browser.GetAsync(link);
            var answer = await browser.PostAsync("/signin/confirm", page.Html, ("token", ReaderBrowser.QueryToken(link)));

            var cookie = answer.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shipwise_session=", StringComparison.Ordinal)).ToLowerInvariant();
            Assert.Contains("; httponly", cookie);
            Assert.Contains("; samesite=lax", cookie);
            Assert.Contains("; path=/", cookie);
            Assert.Equal(https, cookie.Contains("; secure", StringComparison.Ordinal));
            var expires = DateTimeOffset.Parse(Regex.Match(cookie, "expires=([^;]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expires - app.Factory.Clock.GetUtcNow(), TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_only_a_post_does_it()
    {
        using var browser = await app.SignedInAsync(NewAddress("leaver"));
        var home = await browser.GetAsync("/");
        Assert.Contains(">Sign out</button>", home.Html);
        Assert.Contains("private", home.Response.Headers.CacheControl?.ToString());

        // A GET (a link, an image) only shows the button.
        var offer = await browser.GetAsync("/signout");
        Assert.Equal(HttpStatusCode.OK, offer.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).Status);

        var answer = await browser.PostAsync("/signout", offer.Html);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/", answer.Location);
        Assert.Null(browser.SessionCookie);
        var account = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, account.Status);
        Assert.StartsWith("https://localhost/signin?returnUrl=%2Faccount", account.Location);
        Assert.DoesNotContain(">Sign out</button>", (await browser.GetAsync("/")).Html);
    }

    [Fact]
    public async Task Anonymous_pages_never_carry_a_readers_header_or_form_token()
    {
        using var reader = await app.SignedInAsync(NewAddress("cached"));
        Assert.Contains(">Sign out</button>", (await reader.GetAsync("/critics")).Html);

        using var anonymous = app.NewBrowser();
        var page = await anonymous.GetAsync("/critics");
        Assert.DoesNotContain(">Sign out</button>", page.Html);
        Assert.Contains("<a href=\"/signin\">Sign in</a>", page.Html);

        // The sign-in form carries a token bound to one browser, so it is rendered afresh for each.
        using var another = app.NewBrowser();
        var first = await anonymous.GetAsync("/signin");
        var second = await another.GetAsync("/signin");
        Assert.NotEqual(ReaderBrowser.AntiforgeryToken(first.Html), ReaderBrowser.AntiforgeryToken(second.Html));
        Assert.Contains("no-store", first.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task After_signing_in_the_reader_returns_to_the_page_they_came_from()
    {
        var email = NewAddress("returner");
        using var browser = app.NewBrowser();
        var bounced = await browser.GetAsync("/bookmarks");
        Assert.Equal(HttpStatusCode.Redirect, bounced.Status);
        var form = await browser.GetAsync(bounced.Location!);
        Assert.Contains("name=\"returnUrl\" value=\"/bookmarks\"", form.Html);
        await browser.PostAsync("/signin", form.Html, ("email", email), ("returnUrl", "/bookmarks"));
        var link = ReaderBrowser.LinkIn((await app.Mail.WaitForMessagesAsync(1, m => m.Recipient == email, cancellationToken: TestContext.Current.CancellationToken))[0].Text!);
        var page = await browser.GetAsync(link);
        var signedIn = await browser.PostAsync("/signin/confirm", page.Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal("/bookmarks", signedIn.Location);

        // Anything but a local address is dropped.
        Assert.Null(Shipwise.Accounts.SignInPageModel.LocalReturnUrl("https://evil.example/"));
        Assert.Null(Shipwise.Accounts.SignInPageModel.LocalReturnUrl("//evil.example/"));
        Assert.Null(Shipwise.Accounts.SignInPageModel.LocalReturnUrl("/\\evil.example/"));
    }

    [Fact]
    public async Task Another_node_on_the_same_database_accepts_the_session_and_its_forms()
    {
        using var browser = await app.SignedInAsync(NewAddress("roamer"));
        var formPage = await browser.FormPageAsync();
        Assert.True(await app.QueryAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);

        await using var node = new ShipwiseFactory(app.Database, AccountsApp.Settings(app.Mail));
        using var elsewhere = new ReaderBrowser(node);
        elsewhere.Cookies.Add(browser.Cookies.GetCookies(browser.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/account")).Status);
        var added = await elsewhere.PostAsync("/bookmarks", formPage, ("kind", "tool"), ("target", "smolvlm2"));
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
    }
}

public sealed class SqliteSignInTests(SqliteAccountsApp app) : SignInTests(app), IClassFixture<SqliteAccountsApp>;

public sealed class PostgresSignInTests(PostgresAccountsApp app) : SignInTests(app), IClassFixture<PostgresAccountsApp>;
