using System.Net;
using System.Net.Sockets;
using Shipwise.Tests.Accounts;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Mail;

namespace Shipwise.Tests.Security;

/// <summary>
/// The forms that mail an address anyone may type (/signin, /subscribe) cannot be used to flood
/// a stranger's inbox or to block sign-in for everyone. Mail goes to a real SMTP server (maildev),
/// or to one that accepts connections and never answers, so nothing leaves the queue.
/// </summary>
public abstract class MailAbuseTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(ShipwiseFactory Factory, TestDatabase Database)> StartAsync(Dictionary<string, string?> settings)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return (new ShipwiseFactory(database, settings), database);
    }

    [Fact]
    public async Task Subscribing_is_rate_limited_per_client_address_and_showing_the_form_is_not()
    {
        await using var mail = await MailDevServer.StartAsync();
        var settings = AccountsApp.Settings(mail);
        settings["RateLimits:SubscribePerIp:PermitLimit"] = "3";
        var (factory, database) = await StartAsync(settings);
        await using var _ = database;
        await using (factory)
        {
            using var browser = new ReaderBrowser(factory);
            var form = "";
            for (var i = 0; i < 5; i++)
            {
                form = (await browser.GetAsync("/subscribe")).Html;
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/subscribe", form, ("email", $"stranger-{i}@example.org"))).Status);
            }

            var refused = await browser.PostAsync("/subscribe", form, ("email", "stranger-3@example.org"));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.True(refused.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task One_address_gets_a_capped_number_of_sign_in_links_whoever_asks()
    {
        await using var mail = await MailDevServer.StartAsync();
        var settings = AccountsApp.Settings(mail);
        settings["RateLimits:MailPerRecipient:PermitLimit"] = "3";
        var (factory, database) = await StartAsync(settings);
        await using var _ = database;
        await using (factory)
        {
            const string victim = "victim@example.org";
            var answers = new List<Page>();
            for (var i = 0; i < 6; i++)
            {
                // A new browser each time, as several attackers would be.
                using var browser = new ReaderBrowser(factory);
                var form = await browser.GetAsync("/signin");
                answers.Add(await browser.PostAsync("/signin", form.Html, ("email", victim)));
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
                answers.Select(a => a.Status));
            Assert.Contains("Use the newest one", answers[^1].Html);
            Assert.True(answers[^1].Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);

            // Three links arrived; a mail asked for afterwards (to someone else) arrives too, and still only three went to the victim.
            await mail.WaitForMessagesAsync(3, m => m.Recipient == victim, cancellationToken: Token);
            using var other = new ReaderBrowser(factory);
            await other.RequestLinkAsync(mail, "someone-else@example.org");
            Assert.Equal(3, (await mail.MessagesAsync(Token)).Count(m => m.Recipient == victim));

            // The cap is per kind of mail: the victim may still be sent a subscription confirmation.
            var subscribe = await other.GetAsync("/subscribe");
            Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/subscribe", subscribe.Html, ("email", victim))).Status);
            await mail.WaitForMessagesAsync(1, m => m.Recipient == victim && m.Subject.Contains("digest", StringComparison.OrdinalIgnoreCase), cancellationToken: Token);
        }
    }

    [Fact]
    public async Task A_full_subscription_queue_does_not_stop_sign_in_links()
    {
        // An SMTP server that accepts connections and never says hello: the two senders hang and nothing leaves the queue.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await silent.AcceptTcpClientAsync(Token));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }, Token);

        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Tls"] = "none",
            ["Smtp:From"] = "Shipwise <signin@shipwise.test>",
            ["Smtp:TimeoutSeconds"] = "600",
            ["Shipwise:PublicUrl"] = AccountsApp.PublicUrl,
            ["Panel:ReviewInBackground"] = "false",
            ["RateLimits:SubscribePerIp:PermitLimit"] = "100000",
            ["RateLimits:SignInPerIp:PermitLimit"] = "100000",
        };
        var (factory, database) = await StartAsync(settings);
        await using var _ = database;
        await using (factory)
        {
            using var browser = new ReaderBrowser(factory);
            var form = (await browser.GetAsync("/subscribe")).Html;
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 1_100 && !statuses.Contains(HttpStatusCode.ServiceUnavailable); i++)
            {
                statuses.Add((await browser.PostAsync("/subscribe", form, ("email", $"stranger-{i}@example.org"))).Status);
            }

            Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);

            var signIn = await browser.GetAsync("/signin");
            var answer = await browser.PostAsync("/signin", signIn.Html, ("email", "reader@example.org"));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Contains("Check your email", answer.Html);
        }

        silent.Stop();
        await accepting;
        held.ForEach(c => c.Dispose());
    }
}

public sealed class SqliteMailAbuseTests() : MailAbuseTests("sqlite");

public sealed class PostgresMailAbuseTests() : MailAbuseTests("postgres");
