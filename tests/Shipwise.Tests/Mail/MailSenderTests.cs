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
        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() =>
            host.Services.GetRequiredService<MailSender>().SendAsync(new OutgoingMail("reader@example.org", "Hi", "text", null), Token));
        Assert.Equal(3, failure.Attempts);
        Assert.True(failure.IsTransient);
        Assert.Equal("reader@example.org", failure.Recipient);
        Assert.Contains("after 3 attempts", failure.Message);
        Assert.IsType<SocketException>(failure.InnerException);

        // Two waits of at least half of 100 ms and 200 ms.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150), "the retries waited (backoff)");
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
    public void Dot_stuffing_doubles_leading_dots_and_ends_with_a_line_break()
    {
        var stuffed = System.Text.Encoding.ASCII.GetString(SmtpConnection.DotStuff(System.Text.Encoding.ASCII.GetBytes(".a\r\nb\r\n.\r\nc")));
        Assert.Equal("..a\r\nb\r\n..\r\nc\r\n", stuffed);
    }

    [Fact]
    public void Non_ascii_header_text_is_encoded_in_whole_characters()
    {
        var encoded = MimeMessageWriter.EncodeText(new string('é', 40) + " ✓");
        Assert.All(encoded.Split(' '), word => Assert.True(word.Length <= 75));
        Assert.DoesNotContain(encoded, c => c > '~');
        Assert.Equal("plain", MimeMessageWriter.EncodeText("plain"));
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
