using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Shipwise.Mail;

namespace Shipwise.Accounts;

/// <summary>The message that carries a sign-in link.</summary>
public static class SignInMail
{
    public static OutgoingMail Compose(string to, string link, DateTimeOffset expiresAt, TimeSpan lifetime)
    {
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        var until = expiresAt.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"""
            Hello,

            Someone asked to sign in to Shipwise with this address. If it was you, open this link:

            {link}

            It works once, for {minutes} minutes (until {until}).

            If it was not you, ignore this mail: nobody can sign in without the link.
            """;
        var encoded = WebUtility.HtmlEncode(link);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in to Shipwise</title></head>
            <body>
            <p>Hello,</p>
            <p>Someone asked to sign in to Shipwise with this address. If it was you, open this link:</p>
            <p><a href="{encoded}">Sign in to Shipwise</a></p>
            <p>It works once, for {minutes} minutes (until {until}). If the button does not work, copy this address into your browser:<br>{encoded}</p>
            <p>If it was not you, ignore this mail: nobody can sign in without the link.</p>
            </body></html>
            """;

        // Auto-Submitted keeps vacation responders from answering a machine-sent mail.
        return new OutgoingMail(to, "Your Shipwise sign-in link", text, html, new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" });
    }

    /// <summary>"r…@example.org": enough to follow a delivery problem in the logs without writing the address down.</summary>
    public static string Redact(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "…" : $"{address[0]}…{address[at..]}";
    }
}

/// <summary>
/// Sends sign-in mail off the request: the answer to "send me a link" takes the same short time
/// whatever the address and however slow the mail server, and SMTP retries do not hold a request.
/// A link lost to a restart is asked for again; it is not worth a durable queue.
/// </summary>
public sealed class SignInMailQueue(MailSender sender, ILogger<SignInMailQueue> logger) : BackgroundService
{
    private const int Senders = 4;

    private readonly Channel<OutgoingMail> _queue = Channel.CreateBounded<OutgoingMail>(new BoundedChannelOptions(1_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>False when the queue is full (the mail server is down or far behind).</summary>
    public bool TryEnqueue(OutgoingMail mail) => _queue.Writer.TryWrite(mail);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendAllAsync(stoppingToken)));

    private async Task SendAllAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mail in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await sender.SendAsync(mail, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not send a sign-in link to {Recipient}", SignInMail.Redact(mail.To));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; links still queued are asked for again.
        }
    }
}
