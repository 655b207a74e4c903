using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Data;
using Shipwise.Digest;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Digest;

/// <summary>Composing and sending the digest in process (the command line has its own tests), on a test clock.</summary>
public abstract class DigestSendTests(string provider)
{
    private const string Hostile = "<script>alert('x')</script> \"Evil\" & Co";
    private const string HostileVendor = "<img src=x onerror=alert(1)>";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_digest_reaches_confirmed_subscribers_once_and_nobody_else()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2);
        await app.SetVerdictAsync("llama-cpp", ships: 2, skips: 4, previousRank: 2, previousPercent: 67);
        var confirmed = new[] { "one@example.org", "two@example.org", "three@example.org" };
        foreach (var email in confirmed)
        {
            await app.AddSubscriberAsync(email);
        }

        await app.AddSubscriberAsync("pending@example.org", "pending");
        await app.AddSubscriberAsync("gone@example.org", "unsubscribed");

        var run = await app.SendDigestAsync();
        Assert.True(run.Created);
        Assert.True(run.Complete);
        Assert.Equal(2, run.Items);
        Assert.Equal(3, run.SentNow);
        Assert.Empty(run.Failures);
        var messages = await app.Mail.WaitForMessagesAsync(3, cancellationToken: Token);
        Assert.Equal(confirmed.Order(), messages.Select(m => m.Recipient).Order());
        Assert.All(messages, m => Assert.Equal("Shipwise weekly: 2 new and changed verdicts", m.Subject));

        // One Message-ID per digest and subscriber, the same whoever sends it.
        Assert.Equal(3, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(messages, m => Assert.Matches(@"^digest-\d{4}-w\d{2}-\d+@shipwise\.test$", m.MessageId));

        // A second run the same week finds nothing left to send.
        var again = await app.SendDigestAsync("another-node");
        Assert.False(again.Created);
        Assert.Equal(0, again.SentNow);
        await Task.Delay(300, Token);
        Assert.Equal(3, (await app.Mail.MessagesAsync(Token)).Count);
    }

    [Fact]
    public async Task The_digest_has_text_and_html_parts_and_encodes_hostile_tool_names()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2, name: Hostile, vendor: HostileVendor);
        await app.SetVerdictAsync("llama-cpp", ships: 2, skips: 4, previousRank: 2, previousPercent: 67);
        await app.AddSubscriberAsync("reader@example.org");

        await app.SendDigestAsync();
        var message = Assert.Single(await app.Mail.WaitForMessagesAsync(1, cancellationToken: Token));
        var source = await app.Mail.SourceAsync(message.Id, Token);
        Assert.Contains("multipart/alternative", source);
        Assert.Contains("text/plain; charset=utf-8", source);
        Assert.Contains("text/html; charset=utf-8", source);

        Assert.NotNull(message.Html);
        Assert.DoesNotContain("<script>", message.Html);
        Assert.DoesNotContain("<img", message.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Evil&quot; &amp; Co", message.Html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", message.Html);
        Assert.Contains("href=\"https://shipwise.test/tools/vllm\"", message.Html);
        Assert.Contains("was Ship 67 %, now", message.Html);

        // Plain text is not HTML: the name reads as the catalog has it.
        Assert.NotNull(message.Text);
        Assert.Contains(Hostile, message.Text);
        Assert.Contains("https://shipwise.test/tools/vllm", message.Text);
        Assert.Contains("New verdicts", message.Text);
        Assert.Contains("Changed verdicts", message.Text);
        Assert.Contains("Skip, 33 % ship (2 ship / 4 skip)", message.Text);
        Assert.Contains("Unsubscribe with one click: https://shipwise.test/unsubscribe?token=", message.Text);
    }

    [Fact]
    public async Task One_click_unsubscribe_works_without_cookies_and_a_tampered_link_is_refused()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2);
        await app.AddSubscriberAsync("leaving@example.org");
        await app.AddSubscriberAsync("staying@example.org");
        await app.SendDigestAsync();
        var messages = await app.Mail.WaitForMessagesAsync(2, cancellationToken: Token);
        var leaving = messages.Single(m => m.Recipient == "leaving@example.org");

        // RFC 2369 / RFC 8058 headers, pointing at a signed https address.
        var header = leaving.Header("List-Unsubscribe");
        Assert.NotNull(header);
        Assert.Matches(@"^<https://shipwise\.test/unsubscribe\?token=[A-Za-z0-9_\-]{40,}>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", leaving.Header("List-Unsubscribe-Post"));
        var url = header.Trim('<', '>');
        Assert.Contains(url, leaving.Text);
        var path = new Uri(url).PathAndQuery;
        var token = path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..];

        using var mailProvider = app.Factory.CreateClient();

        // GET (a scanner, an old client) only shows the button.
        var page = await mailProvider.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Contains("leaving@example.org", html);
        Assert.Contains("<button type=\"submit\">Unsubscribe</button>", html);
        Assert.Equal("confirmed", await app.StatusOfAsync("leaving@example.org"));

        // A tampered token changes nothing.
        var tampered = token[..30] + (token[30] == 'A' ? 'B' : 'A') + token[31..];
        var refused = await mailProvider.PostAsync("/unsubscribe?token=" + tampered, SubscriptionTests.OneClick(), Token);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("confirmed", await app.StatusOfAsync("leaving@example.org"));

        // The mail provider's one-click POST: no cookie, no form token.
        var oneClick = await mailProvider.PostAsync(path, SubscriptionTests.OneClick(), Token);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("You are unsubscribed", await oneClick.Content.ReadAsStringAsync(Token));
        Assert.Equal("unsubscribed", await app.StatusOfAsync("leaving@example.org"));

        // Doing it again is harmless.
        Assert.Equal(HttpStatusCode.OK, (await mailProvider.PostAsync(path, SubscriptionTests.OneClick(), Token)).StatusCode);

        // Next week's digest goes to the one who stayed only.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await app.SetVerdictAsync("llama-cpp", ships: 6, skips: 1);
        var next = await app.SendDigestAsync();
        Assert.Equal(1, next.SentNow);
        var all = await app.Mail.WaitForMessagesAsync(3, cancellationToken: Token);
        Assert.Single(all, m => m.Recipient == "leaving@example.org");
        Assert.Equal(2, all.Count(m => m.Recipient == "staying@example.org"));
    }

    [Fact]
    public async Task A_reader_who_unsubscribes_while_a_send_is_under_way_is_skipped()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2);
        var id = await app.AddSubscriberAsync("quick@example.org");
        await app.AddSubscriberAsync("slow@example.org");

        // The digest and its deliveries exist (as after a crash), then the reader unsubscribes.
        var store = app.Service<DigestStore>();
        var now = app.Clock.GetUtcNow();
        var content = await app.Service<DigestComposer>().ComposeAsync(now.AddDays(-7), now, Token);
        await store.EnsureAsync(DigestContent.WeekOf(now), content, "shipwise.test", Token);
        Assert.Equal(SubscriptionChange.Changed, await app.Service<SubscriberStore>().UnsubscribeAsync(id, "quick@example.org", Token));

        var run = await app.SendDigestAsync();
        Assert.Equal(1, run.SentNow);
        Assert.Equal(1, run.Counts.Skipped);
        Assert.Equal("slow@example.org", Assert.Single(await app.Mail.WaitForMessagesAsync(1, cancellationToken: Token)).Recipient);
    }

    [Fact]
    public async Task Two_senders_at_once_share_the_work_and_mail_nobody_twice()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2);
        for (var i = 0; i < 60; i++)
        {
            await app.AddSubscriberAsync($"reader{i:00}@example.org");
        }

        // A second node: its own services (own connections and Db) on the same database and mail server.
        var settings = DigestApp.Settings(app.Mail);
        settings["Digest:BatchSize"] = "3";
        using var other = await TestHost.StartAsync(app.Database, app.Clock, settings, seed: false);
        var runs = await Task.WhenAll(
            Task.Run(() => app.SendDigestAsync("node-a")),
            Task.Run(() => other.Services.GetRequiredService<DigestSender>().SendAsync("node-b", scheduled: false, progress: null, Token)));

        Assert.Equal(60, runs.Sum(r => r.SentNow));
        var messages = await app.Mail.WaitForMessagesAsync(60, cancellationToken: Token);
        await Task.Delay(300, Token);
        messages = await app.Mail.MessagesAsync(Token);
        Assert.Equal(60, messages.Count);
        Assert.Equal(60, messages.Select(m => m.Recipient).Distinct().Count());
    }

    [Fact]
    public async Task The_schedule_sends_the_weekly_digest_once_its_slot_has_passed()
    {
        // The test clock starts on Sunday 22 November 2026, 09:00 UTC.
        await using var app = await DigestApp.StartAsync(provider, new()
        {
            ["Digest:Schedule:Enabled"] = "true",
            ["Digest:Schedule:DayOfWeek"] = "Sunday",
            ["Digest:Schedule:Hour"] = "10",
            ["Digest:Schedule:CheckSeconds"] = "1",
        });
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2);
        await app.AddSubscriberAsync("scheduled@example.org");

        // Before the slot nothing goes out.
        await Task.Delay(2500, Token);
        Assert.Empty(await app.Mail.MessagesAsync(Token));
        Assert.Null(await app.Service<DigestStore>().FindAsync(DigestContent.WeekOf(app.Clock.GetUtcNow()), Token));

        app.Clock.Advance(TimeSpan.FromHours(1));
        var message = Assert.Single(await app.Mail.WaitForMessagesAsync(1, cancellationToken: Token));
        Assert.Equal("scheduled@example.org", message.Recipient);

        // Later checks the same week send nothing more.
        await Task.Delay(2500, Token);
        Assert.Single(await app.Mail.MessagesAsync(Token));
    }

    [Fact]
    public async Task A_week_with_no_new_verdicts_mails_nobody()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.AddSubscriberAsync("reader@example.org");
        var run = await app.SendDigestAsync();
        Assert.Equal(0, run.Items);
        Assert.Equal(0, run.Counts.Total);
        await Task.Delay(300, Token);
        Assert.Empty(await app.Mail.MessagesAsync(Token));
    }

    [Fact]
    public void The_schedule_slot_is_the_configured_day_and_hour_of_the_iso_week()
    {
        var sunday = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.Zero), DigestScheduler.SlotOf(sunday, DayOfWeek.Monday, 8));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), DigestScheduler.SlotOf(sunday, DayOfWeek.Sunday, 10));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), DigestScheduler.SlotOf(sunday.AddDays(1).AddHours(-9), DayOfWeek.Monday, 0));
        Assert.Equal("2026-W47", DigestContent.WeekOf(sunday));
        Assert.Equal("2026-W53", DigestContent.WeekOf(new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero)));
    }
}

public sealed class SqliteDigestSendTests() : DigestSendTests("sqlite");

public sealed class PostgresDigestSendTests() : DigestSendTests("postgres");
