using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Shipwise.Telemetry;

namespace Shipwise.Mail;

/// <summary>A message that could not be delivered to the SMTP server, after every attempt it was worth making.</summary>
public sealed class MailDeliveryException(string recipient, int attempts, bool transient, Exception inner)
    : Exception($"Mail to {recipient} was not sent after {attempts} attempt{(attempts == 1 ? "" : "s")}: {inner.Message}", inner)
{
    public string Recipient { get; } = recipient;

    public int Attempts { get; } = attempts;

    /// <summary>True when the last failure was temporary (no connection, timeout, 4xx): trying again later may work.</summary>
    public bool IsTransient { get; } = transient;
}

/// <summary>
/// Sends mail through the configured SMTP server with MailKit. One resilience pipeline (Polly)
/// paces messages (Smtp:MaxPerSecond) and retries transient failures with exponential backoff and
/// jitter; the last failure is logged and thrown as a <see cref="MailDeliveryException"/>. Sessions
/// are kept open briefly and reused, so a digest to thousands of readers does not open (and
/// TLS-handshake) one connection per message. Non-ASCII addresses go out with SMTPUTF8.
/// </summary>
public sealed class MailSender : IAsyncDisposable
{
    private const int MaxIdleSessions = 4;
    private static readonly TimeSpan _maxIdle = TimeSpan.FromSeconds(10);

    private readonly IOptions<SmtpOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ShipwiseMetrics _metrics;
    private readonly ILogger<MailSender> _logger;
    private readonly ConcurrentQueue<(SmtpClient Client, long IdleSince)> _idle = new();
    private readonly Lazy<ResiliencePipeline> _pipeline;
    private RateLimiter? _pace;

    public MailSender(IOptions<SmtpOptions> options, TimeProvider clock, ShipwiseMetrics metrics, ILogger<MailSender> logger)
    {
        _options = options;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        _pipeline = new(Build);
    }

    /// <summary>False when Smtp:Host is not set: the site then offers nothing that needs mail.</summary>
    public bool IsConfigured => _options.Value.IsConfigured;

    /// <summary>The domain of Smtp:From, for Message-IDs that are unique to this site.</summary>
    public string SenderDomain => IsConfigured ? _options.Value.FromMailbox().Domain : "localhost";

    /// <summary>
    /// Sends <paramref name="mail"/>; returns once the SMTP server accepted it. Throws
    /// <see cref="MailDeliveryException"/> when it could not, and <see cref="InvalidOperationException"/> when mail is not configured.
    /// </summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("Mail is not configured: set Smtp:Host and Smtp:From.");
        }

        var recipient = Envelope(mail.To);
        var messageId = mail.MessageId ?? $"{Guid.NewGuid():N}@{SenderDomain}";
        var message = Compose(mail, settings.FromMailbox(), recipient, messageId, _clock.GetUtcNow());
        using var span = ShipwiseMetrics.Traces.StartActivity("mail send");
        var attempts = 0;
        try
        {
            await _pipeline.Value.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    await SendOnceAsync(settings, message, ct);
                },
                cancellationToken);
            _metrics.MailSent();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var transient = IsTransient(ex);
            _metrics.MailFailed(transient);
            _logger.LogError("Mail {MessageId} to {Recipient} failed after {Attempts} attempts ({Kind}): {Error}",
                messageId, Redact(recipient.Address), attempts, transient ? "transient" : "permanent", ex.Message);
            throw new MailDeliveryException(recipient.Address, attempts, transient, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var idle))
        {
            await CloseAsync(idle.Client);
        }

        _pace?.Dispose();
    }

    /// <summary>Connection trouble, timeouts and 4xx replies may pass; a 5xx reply, a refused login or a TLS certificate failure will not.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException or SslHandshakeException or System.Security.Authentication.AuthenticationException => false,
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    /// <summary>"r…@example.org" for logs: enough to follow a delivery problem without writing the address down.</summary>
    internal static string Redact(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "…" : $"{address[0]}…{address[at..]}";
    }

    /// <summary>
    /// The message as MimeKit writes it: text alone, or multipart/alternative (text first, HTML
    /// preferred by clients), UTF-8 in base64. The boundary is derived from the Message-ID, so a
    /// resent message is byte for byte the same (apart from the Date header).
    /// </summary>
    internal static MimeMessage Compose(OutgoingMail mail, MailboxAddress from, MailboxAddress to, string messageId, DateTimeOffset date)
    {
        var message = new MimeMessage { MessageId = messageId, Date = date };
        message.From.Add(from);
        message.To.Add(to);

        // A line break cannot start a new header: MimeKit folds and encodes the value, and we flatten it first.
        message.Subject = mail.Subject.ReplaceLineEndings(" ");
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            if (value.Any(c => c is '\r' or '\n') || Enum.TryParse<HeaderId>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var id) && IsOwned(id))
            {
                throw new ArgumentException($"The header {name} is set by the mail sender or holds a line break; pass it as a field of OutgoingMail instead.", nameof(mail));
            }

            message.Headers.Add(name, value);
        }

        var text = Part("plain", mail.Text);
        if (mail.Html is null)
        {
            message.Body = text;
            return message;
        }

        message.Body = new MultipartAlternative(text, Part("html", mail.Html))
        {
            Boundary = "=_sw_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 12)),
        };
        return message;
    }

    private static bool IsOwned(HeaderId id) => id is HeaderId.From or HeaderId.To or HeaderId.Cc or HeaderId.Bcc or HeaderId.Subject or HeaderId.Date
        or HeaderId.MessageId or HeaderId.MimeVersion or HeaderId.ContentType or HeaderId.ContentTransferEncoding or HeaderId.Sender or HeaderId.ReplyTo;

    private static TextPart Part(string subtype, string text)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    /// <summary>Only a bare address (no display name, no line break, no second address): nothing here can add a recipient or a header.</summary>
    private static MailboxAddress Envelope(string to)
    {
        var trimmed = to.Trim();
        if (trimmed.Length == 0 || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"')
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var address) || address.Address != trimmed)
        {
            throw new MailDeliveryException(to, 0, false, new FormatException($"'{to}' is not a plain email address."));
        }

        return address;
    }

    private ResiliencePipeline Build()
    {
        var settings = _options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = _clock };
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex)
                    && ex is not OperationCanceledException { CancellationToken.IsCancellationRequested: true }),
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds),
                MaxDelay = TimeSpan.FromMinutes(5),
                OnRetry = args =>
                {
                    _logger.LogWarning("Mail failed (attempt {Attempt} of {MaxAttempts}): {Error}; trying again in {Delay:0.0} s",
                        args.AttemptNumber + 1, settings.MaxAttempts, args.Outcome.Exception?.Message, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (settings.MaxPerSecond > 0)
        {
            // One message per slot; callers queue for their slot instead of being refused.
            _pace = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / settings.MaxPerSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            builder.AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => _pace.AcquireAsync(1, args.Context.CancellationToken) });
        }

        return builder.Build();
    }

    private async Task SendOnceAsync(SmtpOptions settings, MimeMessage message, CancellationToken cancellationToken)
    {
        var client = await TakeSessionAsync(settings, cancellationToken);
        var usable = false;
        try
        {
            var international = NeedsSmtpUtf8(message);
            if (international && !client.Capabilities.HasFlag(SmtpCapabilities.UTF8))
            {
                usable = true;
                throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxNameNotAllowed, message.To.Mailboxes.First(),
                    $"{settings.Host} does not offer SMTPUTF8, so it cannot take an address with non-ASCII characters.");
            }

            // A non-ASCII address needs SMTPUTF8 (RFC 6531) and raw UTF-8 in the address headers (RFC 6532);
            // everything else stays 7-bit, with RFC 2047 encoded words, which every mail system reads.
            var format = FormatOptions.Default.Clone();
            format.International = international;
            await client.SendAsync(format, message, cancellationToken);
            usable = true;
        }
        catch (SmtpCommandException)
        {
            // The server refused this message; the session itself is fine for the next one.
            usable = client.IsConnected;
            throw;
        }
        finally
        {
            await ReturnSessionAsync(client, usable);
        }
    }

    private static bool NeedsSmtpUtf8(MimeMessage message) =>
        message.From.Mailboxes.Concat(message.To.Mailboxes).Any(m => m.Address.Any(c => c > '~'));

    private async Task<SmtpClient> TakeSessionAsync(SmtpOptions settings, CancellationToken cancellationToken)
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (_clock.GetElapsedTime(idle.IdleSince) < _maxIdle && idle.Client.IsConnected)
            {
                try
                {
                    // A session the server has since closed fails here, before any part of the message is sent.
                    await idle.Client.NoOpAsync(cancellationToken);
                    return idle.Client;
                }
                catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException)
                {
                    _logger.LogDebug("A reused SMTP session was closed ({Error}); opening a new one", ex.Message);
                }
            }

            await CloseAsync(idle.Client);
        }

        var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            await CloseAsync(client);
            throw;
        }
    }

    private async Task ReturnSessionAsync(SmtpClient client, bool usable)
    {
        if (usable && client.IsConnected && _idle.Count < MaxIdleSessions)
        {
            _idle.Enqueue((client, _clock.GetTimestamp()));
            return;
        }

        await CloseAsync(client);
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(true, quit.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // Closing a broken session; nothing to tell.
        }
        finally
        {
            client.Dispose();
        }
    }
}
