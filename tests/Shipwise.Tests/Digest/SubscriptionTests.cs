using System.Net;
using Shipwise.Digest;
using Shipwise.Tests.Accounts;

namespace Shipwise.Tests.Digest;

/// <summary>Double opt-in through the pages and real mail, and what a link can and cannot do.</summary>
public abstract class SubscriptionTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nobody_gets_a_digest_before_confirming_and_the_confirm_link_needs_the_button()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2);
        using var browser = app.NewBrowser();
        var link = await app.SubscribeAsync(browser, "New.Reader@Example.org");
        Assert.Equal("pending", await app.StatusOfAsync("new.reader@example.org"));

        // The confirmation mail is a mail of the list too: it can be refused with one click.
        var confirmation = (await app.Mail.MessagesAsync(Token)).Single(m => m.Recipient == "new.reader@example.org");
        Assert.Equal("Confirm your Shipwise weekly digest", confirmation.Subject);
        Assert.StartsWith("<https://shipwise.test/unsubscribe?token=", confirmation.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", confirmation.Header("List-Unsubscribe-Post"));

        var beforeConfirming = await app.SendDigestAsync("node-a");
        Assert.Equal(0, beforeConfirming.Counts.Total);

        // Opening the link (as a mail scanner does) changes nothing.
        var page = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Confirm your subscription", page.Html);
        Assert.Contains("new.reader@example.org", page.Html);
        Assert.Equal("pending", await app.StatusOfAsync("new.reader@example.org"));

        var confirmed = await browser.PostAsync("/subscribe/confirm", page.Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("You are subscribed", confirmed.Html);
        Assert.Equal("confirmed", await app.StatusOfAsync("new.reader@example.org"));

        // Confirming is a form like any other: without the form token it is refused.
        using var other = app.NewBrowser();
        var forged = await other.PostAsync("/subscribe/confirm", null, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);

        // Next week's digest reaches the new subscriber.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await app.SetVerdictAsync("llama-cpp", ships: 6, skips: 1);
        var run = await app.SendDigestAsync("node-a");
        Assert.Equal(1, run.SentNow);
        var digest = await app.Mail.WaitForMessagesAsync(1, m => m.Recipient == "new.reader@example.org" && m.Subject.StartsWith("Shipwise weekly", StringComparison.Ordinal), cancellationToken: Token);
        Assert.Single(digest);
    }

    [Fact]
    public async Task An_expired_confirm_link_is_refused_with_a_way_forward()
    {
        await using var app = await DigestApp.StartAsync(provider);
        using var browser = app.NewBrowser();
        var link = await app.SubscribeAsync(browser, "late@example.org");

        app.Clock.Advance(TimeSpan.FromHours(71));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).Status);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var page = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("This confirmation link has expired", page.Html);
        Assert.Contains("href=\"/subscribe\"", page.Html);
        var form = await browser.GetAsync("/subscribe");
        var post = await browser.PostAsync("/subscribe/confirm", form.Html, ("token", ReaderBrowser.QueryToken(link)));
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        Assert.Equal("pending", await app.StatusOfAsync("late@example.org"));

        // Asking again (after the resend pause) mails a fresh link that works.
        var fresh = await app.SubscribeAsync(browser, "late@example.org");
        Assert.NotEqual(link, fresh);
        var confirmPage = await browser.GetAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/subscribe/confirm", confirmPage.Html, ("token", ReaderBrowser.QueryToken(fresh)))).Status);
        Assert.Equal("confirmed", await app.StatusOfAsync("late@example.org"));
    }

    [Fact]
    public async Task Tampered_links_and_links_for_the_other_purpose_are_refused()
    {
        await using var app = await DigestApp.StartAsync(provider);
        using var browser = app.NewBrowser();
        var confirm = ReaderBrowser.QueryToken(await app.SubscribeAsync(browser, "careful@example.org"));
        var unsubscribe = ReaderBrowser.QueryToken(DigestApp.LinkIn((await app.Mail.MessagesAsync(Token))[^1].Text ?? "", "unsubscribe"));
        var flipped = confirm[..40] + (confirm[40] == 'A' ? 'B' : 'A') + confirm[41..];

        foreach (var bad in new[] { flipped, confirm[..^10], unsubscribe, "not-a-token", "" })
        {
            var page = await browser.GetAsync("/subscribe/confirm?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("This confirmation link is not valid", page.Html);
            var post = await browser.PostAsync("/subscribe/confirm", (await browser.GetAsync("/subscribe")).Html, ("token", bad));
            Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        }

        // A confirm token does not unsubscribe either.
        using var anonymous = app.Factory.CreateClient();
        var cross = await anonymous.PostAsync("/unsubscribe?token=" + confirm, OneClick(), Token);
        Assert.Equal(HttpStatusCode.BadRequest, cross.StatusCode);
        Assert.Equal("pending", await app.StatusOfAsync("careful@example.org"));
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_the_form_cannot_flood_a_mailbox()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.AddSubscriberAsync("known@example.org");
        var answers = new List<string>();
        foreach (var email in new[] { "known@example.org", "unknown@example.org", "unknown@example.org", "unknown@example.org" })
        {
            using var browser = app.NewBrowser();
            var form = await browser.GetAsync("/subscribe");
            var page = await browser.PostAsync("/subscribe", form.Html, ("email", email));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            answers.Add(System.Text.RegularExpressions.Regex.Replace(page.Html, "name=\"__RequestVerificationToken\"[^>]*", "").Replace(email, "ADDRESS", StringComparison.Ordinal));
        }

        Assert.Single(answers.Distinct());
        await app.Mail.WaitForMessagesAsync(1, m => m.Recipient == "unknown@example.org", cancellationToken: Token);
        await Task.Delay(500, Token);
        var messages = await app.Mail.MessagesAsync(Token);
        Assert.Single(messages, m => m.Recipient == "unknown@example.org");
        Assert.DoesNotContain(messages, m => m.Recipient == "known@example.org");
    }

    [Fact]
    public async Task A_bad_address_is_named_on_the_form()
    {
        await using var app = await DigestApp.StartAsync(provider);
        using var browser = app.NewBrowser();
        var form = await browser.GetAsync("/subscribe");
        var page = await browser.PostAsync("/subscribe", form.Html, ("email", "not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Enter an email address in the form name@example.org.", page.Html);
        Assert.Contains("aria-invalid=\"true\"", page.Html);

        var control = await browser.PostAsync("/subscribe", form.Html, ("email", "reader@example.org\nBcc: victim@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, control.Status);
    }

    internal static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
}

public sealed class SqliteSubscriptionTests() : SubscriptionTests("sqlite");

public sealed class PostgresSubscriptionTests() : SubscriptionTests("postgres");
