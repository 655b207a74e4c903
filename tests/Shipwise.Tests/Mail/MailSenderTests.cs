using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shipwise.Mail;

namespace Shipwise.Tests.Mail;

/// <summary>MailSender against a real SMTP server (maildev) on loopback.</summary>
public sealed class MailSenderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_arrives_as_multipart_alternative_with_its_headers_and_message_id()
    {
        await using var mail = await MailDevServer.StartAsync();
        using var host = Host(mail.Settings());
        var headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://shipwise.test/unsubscribe?token=abc>", ["X-Test"] = "yes" };
        await host.Services.GetRequiredService<MailSender>().SendAsync(
            new OutgoingMail("reader@example.org", "Grüße: 5 new verdicts ✓", "Plain text\n.\n.starts with a dot", "<p>HTML <strong>part</strong></p>", headers, "digest-1-2@shipwise.test"),
            Token);

        var message = Assert.Single(await mail.WaitForMessagesAsync(1, cancellationToken: Token));
        Assert.Equal("reader@example.org", message.Recipient);
        Assert.Equal("Grüße: 5 new verdicts ✓", message.Subject);
        Assert.Equal("digest-1-2@shipwise.test", message.MessageId);
        Assert.Equal("<https://shipwise.test/unsubscribe?token=abc>", message.Header("List-Unsubscribe"));
        Assert.Equal("yes", message.Header("X-Test"));
        Assert.Equal("Plain text\n.\n.starts with a dot", message.Text?.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains("<strong>part</strong>", message.Html);
        Assert.Equal("digest@shipwise.test", message.From[0].Address);
        Assert.Equal("Shipwise", message.From[0].Name);
        var source = await mail.SourceAsync(message.Id, Token);
        Assert.Contains("multipart/alternative", source);
        Assert.True(source.IndexOf("text/plain", StringComparison.Ordinal) < source.IndexOf("text/html", StringComparison.Ordinal), "the text part comes first, HTML last (preferred)");
    }

    [Fact]
    public async Task A_line_break_in_the_subject_cannot_add_a_header_or_a_recipient()
    {
        await using var mail = await MailDevServer.StartAsync();
        using var host = Host(mail.Settings());
        var sender = host.Services.GetRequiredService<MailSender>();
        await sender.SendAsync(new OutgoingMail("reader@example.org", "Hi\r\nBcc: victim@example.org", "text", null), Token);
        await Assert.ThrowsAsync<MailDeliveryException>(() =>
            sender.SendAsync(new OutgoingMail("reader@example.org\r\nBcc: victim@example.org", "Hi", "text", null), Token));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            sender.SendAsync(new OutgoingMail("reader@example.org", "Hi", "text", null, new Dictionary<string, string> { ["X-Evil"] = "a\r\nBcc: victim@example.org" }), Token));

        var message = Assert.Single(await mail.WaitForMessagesAsync(1, cancellationToken: Token));
        Assert.Equal("reader@example.org", message.Recipient);
        Assert.Null(message.Header("Bcc"));
        Assert.DoesNotContain("victim", string.Join(",", message.To.Select(t => t.Address)));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_retried_with_backoff_then_reported()
    {
        var port = ClosedPort();
        var settings = Settings(port);
        settings["Smtp:MaxAttempts"] = "3";
        using var host = Host(settings);
        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() =>
            host.Services.GetRequiredService<MailSender>().SendAsync(new OutgoingMail("reader@example.org", "Hi", "text", null), Token));
        Assert.Equal(3, failure.Attempts);
        Assert.True(failure.IsTransient);
        Assert.Equal("reader@example.org", failure.Recipient);
        Assert.Contains("after 3 attempts", failure.Message);
        Assert.IsType<SocketException>(failure.InnerException);
    }

    [Fact]
    public async Task A_send_that_starts_while_the_server_is_down_succeeds_once_it_is_back()
    {
        await using var mail = await MailDevServer.StartAsync();
        var settings = mail.Settings();
        settings["Smtp:MaxAttempts"] = "8";
        settings["Smtp:RetryDelayMilliseconds"] = "300";
        using var host = Host(settings);
        await mail.StopAsync();
        var sending = host.Services.GetRequiredService<MailSender>().SendAsync(new OutgoingMail("reader@example.org", "Back", "text", null), Token);
        await Task.Delay(400, Token);
        Assert.False(sending.IsCompleted);
        await mail.RestartAsync();
        await sending;
        Assert.Equal("Back", Assert.Single(await mail.WaitForMessagesAsync(1, cancellationToken: Token)).Subject);
    }

    [Fact]
    public async Task Sessions_are_reused_and_a_session_the_server_dropped_is_replaced()
    {
        await using var mail = await MailDevServer.StartAsync();
        using var host = Host(mail.Settings());
        var sender = host.Services.GetRequiredService<MailSender>();
        for (var i = 0; i < 5; i++)
        {
            await sender.SendAsync(new OutgoingMail($"reader{i}@example.org", $"Mail {i}", "text", "<p>html</p>"), Token);
        }

        // The kept session dies with the server; the next mail opens a new one without failing.
        await mail.RestartAsync();
        await sender.SendAsync(new OutgoingMail("after@example.org", "After restart", "text", null), Token);
        var messages = await mail.WaitForMessagesAsync(6, cancellationToken: Token);
        Assert.Equal(6, messages.Count);
        Assert.Contains(messages, m => m.Recipient == "after@example.org");
    }

    [Fact]
    public async Task Authentication_works_and_a_refused_login_is_permanent_and_not_retried()
    {
        await using var mail = await MailDevServer.StartAsync("--incoming-user", "shipwise", "--incoming-pass", "s3cret");
        var good = mail.Settings();
        good["Smtp:User"] = "shipwise";
        good["Smtp:Password"] = "s3cret";
        using (var host = Host(good))
        {
            await host.Services.GetRequiredService<MailSender>().SendAsync(new OutgoingMail("reader@example.org", "Signed in", "text", null), Token);
        }

        Assert.Equal("Signed in", Assert.Single(await mail.WaitForMessagesAsync(1, cancellationToken: Token)).Subject);

        var bad = mail.Settings();
        bad["Smtp:User"] = "shipwise";
        bad["Smtp:Password"] = "wrong";
        using (var host = Host(bad))
        {
            var failure = await Assert.ThrowsAsync<MailDeliveryException>(() =>
                host.Services.GetRequiredService<MailSender>().SendAsync(new OutgoingMail("reader@example.org", "Refused", "text", null), Token));
            Assert.False(failure.IsTransient);
            Assert.Equal(1, failure.Attempts);
            Assert.Contains("535", failure.Message);
        }
    }

    [Fact]
    public async Task MaxPerSecond_spaces_messages_out()
    {
        await using var mail = await MailDevServer.StartAsync();
        var settings = mail.Settings();
        settings["Smtp:MaxPerSecond"] = "10";
        using var host = Host(settings);
        var sender = host.Services.GetRequiredService<MailSender>();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await sender.SendAsync(new OutgoingMail($"reader{i}@example.org", "Paced", "text", null), Token);
        }

        // Six messages at ten a second take at least half a second (the first goes at once).
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(480));
    }

    [Theory]
    [InlineData("Smtp:From", null, "Smtp:From is required")]
    [InlineData("Smtp:From", "not an address", "Smtp:From 'not an address'")]
    [InlineData("Smtp:Tls", "ssl", "Smtp:Tls is 'ssl'")]
    [InlineData("Smtp:Port", "0", "Smtp:Port must be between")]
    [InlineData("Smtp:User", "someone", "Smtp:User and Smtp:Password go together")]
    public void Bad_settings_stop_the_start_with_a_message_that_names_them(string key, string? value, string message)
    {
        var settings = Settings(2525);
        settings[key] = value;
        using var host = Host(settings);
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_password_is_never_sent_in_clear_text_to_another_machine()
    {
        var settings = Settings(2525);
        settings["Smtp:Host"] = "mail.example.org";
        settings["Smtp:User"] = "u";
        settings["Smtp:Password"] = "p";
        settings["Smtp:Tls"] = "none";
        using var host = Host(settings);
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value);
        Assert.Contains("Smtp:Tls", error.Message);
    }

    [Fact]
    public async Task Without_a_host_mail_is_off_and_says_which_setting_turns_it_on()
    {
        using var host = Host([]);
        var sender = host.Services.GetRequiredService<MailSender>();
        Assert.False(sender.IsConfigured);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(new OutgoingMail("a@example.org", "s", "t", null), Token));
        Assert.Contains("Smtp:Host", error.Message);
    }

    [Fact]
    public async Task Non_ascii_addresses_go_out_with_smtputf8()
    {
        await using var mail = await MailDevServer.StartAsync();
        using var host = Host(mail.Settings("Shipwise <digest@shipwise.test>"));
        var sender = host.Services.GetRequiredService<MailSender>();
        foreach (var address in new[] { "jörg.müller@example.org", "読者@例え.jp" })
        {
            await sender.SendAsync(new OutgoingMail(address, "Grüße", "text", null), Token);
        }

        var messages = await mail.WaitForMessagesAsync(2, cancellationToken: Token);
        Assert.Equal(new[] { "jörg.müller@example.org", "読者@例え.jp" }.Order(StringComparer.Ordinal), messages.Select(m => m.Recipient).Order(StringComparer.Ordinal));

        // The To header carries the address itself in UTF-8 (RFC 6532), as the raw message shows.
        foreach (var message in messages)
        {
            var source = await mail.SourceAsync(message.Id, Token);
            Assert.Contains($"To: {message.Recipient}", source);
        }
    }

    [Fact]
    public async Task A_server_without_smtputf8_refuses_a_non_ascii_address_for_good_and_ascii_mail_still_goes()
    {
        await using var mail = await MailDevServer.StartAsync("--hide-extensions", "SMTPUTF8");
        using var host = Host(mail.Settings());
        var sender = host.Services.GetRequiredService<MailSender>();
        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(new OutgoingMail("jörg@example.org", "Hi", "text", null), Token));
        Assert.False(failure.IsTransient);
        Assert.Equal(1, failure.Attempts);
        Assert.Contains("does not offer SMTPUTF8", failure.Message);

        await sender.SendAsync(new OutgoingMail("reader@example.org", "Grüße", "text", null), Token);
        var message = Assert.Single(await mail.WaitForMessagesAsync(1, cancellationToken: Token));
        Assert.Equal(("reader@example.org", "Grüße"), (message.Recipient, message.Subject));
    }

    [Fact]
    public void A_resent_message_has_the_same_bytes_as_the_first()
    {
        static string Write(DateTimeOffset date)
        {
            var message = MailSender.Compose(
                new OutgoingMail("reader@example.org", "Digest", "text", "<p>html</p>", new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://x.test/u>" }),
                new MimeKit.MailboxAddress("Shipwise", "digest@shipwise.test"), new MimeKit.MailboxAddress("", "reader@example.org"), "digest-2026-w47-1@shipwise.test", date);
            using var bytes = new MemoryStream();
            message.WriteTo(bytes);
            return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
        }

        var date = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(Write(date), Write(date));
        Assert.Contains("multipart/alternative", Write(date));
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = "Shipwise <digest@shipwise.test>",
        ["Smtp:Tls"] = "none",
        ["Smtp:RetryDelayMilliseconds"] = "100",
        ["Smtp:TimeoutSeconds"] = "5",
    };

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddMail();
        return builder.Build();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
