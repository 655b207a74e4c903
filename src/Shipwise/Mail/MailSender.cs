using System.Collections.Concurrent;
using System.Net.Mail;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

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
/// Sends mail through the configured SMTP server. Transient failures are retried with
/// exponential backoff and jitter; the last one is logged and thrown as a
/// <see cref="MailDeliveryException"/>. Sessions are kept open briefly and reused, so a digest
/// to thousands of readers does not open (and TLS-handshake) one connection per message.
/// </summary>
public sealed class MailSender(IOptions<SmtpOptions> options, TimeProvider clock, ILogger<MailSender> logger) : IAsyncDisposable
{
    private const int MaxIdleSessions = 4;
    private static readonly TimeSpan _maxIdle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _maxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<(SmtpConnection Connection, long IdleSince)> _idle = new();
    private readonly Lock _rateGate = new();
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    /// <summary>False when Smtp:Host is not set: the site then offers nothing that needs mail.</summary>
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>The domain of Smtp:From, for Message-IDs that are unique to this site.</summary>
    public string SenderDomain => IsConfigured ? options.Value.FromAddress().Host : "localhost";

    /// <summary>
    /// Sends <paramref name="mail"/>; returns once the SMTP server accepted it. Throws
    /// <see cref="MailDeliveryException"/> when it could not, and <see cref="InvalidOperationException"/> when mail is not configured.
    /// </summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("Mail is not configured: set Smtp:Host and Smtp:From.");
        }

        var recipient = Envelope(mail.To);
        var from = settings.FromAddress();
        var messageId = mail.MessageId ?? $"{Guid.NewGuid():N}@{from.Host}";
        var message = MimeMessageWriter.Write(mail with { To = recipient }, from, messageId, clock.GetUtcNow());

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WaitForRateAsync(settings, cancellationToken);
                await SendOnceAsync(settings, from.Address, recipient, message, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var transient = IsTransient(ex);
                if (!transient || attempt >= settings.MaxAttempts)
                {
                    logger.LogError("Mail {MessageId} to {Recipient} failed after {Attempts} attempts ({Kind}): {Error}",
                        messageId, Redact(recipient), attempt, transient ? "transient" : "permanent", ex.Message);
                    throw new MailDeliveryException(recipient, attempt, transient, ex);
                }

                var delay = RetryDelay(settings, attempt);
                logger.LogWarning("Mail {MessageId} to {Recipient} failed (attempt {Attempt} of {MaxAttempts}): {Error}; trying again in {Delay:0.0} s",
                    messageId, Redact(recipient), attempt, settings.MaxAttempts, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var idle))
        {
            await idle.Connection.DisposeAsync();
        }
    }

    /// <summary>Connection trouble, timeouts and 4xx replies may pass; a 5xx reply or a TLS certificate failure will not.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        SmtpReplyException reply => reply.IsTransient,
        System.Security.Authentication.AuthenticationException => false,
        SocketException or IOException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retries from many senders spread out.</summary>
    internal static TimeSpan RetryDelay(SmtpOptions settings, int attempt)
    {
        var step = Math.Min(settings.RetryDelayMilliseconds * Math.Pow(2, attempt - 1), _maxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }

    /// <summary>"r…@example.org" for logs: enough to follow a delivery problem without writing the address down.</summary>
    internal static string Redact(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "…" : $"{address[0]}…{address[at..]}";
    }

    private static string Envelope(string to)
    {
        // Only a bare ASCII address: the SMTPUTF8 extension is not spoken, and a display name or a
        // line break here would end up in the RCPT command and the To header.
        if (!MailAddress.TryCreate(to, out var address) || address.Address != to.Trim() || to.Any(c => c is <= ' ' or > '~'))
        {
            throw new MailDeliveryException(to, 0, false, new FormatException($"'{to}' is not a plain ASCII email address."));
        }

        return address.Address;
    }

    private async Task SendOnceAsync(SmtpOptions settings, string from, string to, byte[] message, CancellationToken cancellationToken)
    {
        var connection = await TakeSessionAsync(settings, cancellationToken);
        try
        {
            await connection.SendAsync(from, to, message, cancellationToken);
        }
        finally
        {
            await ReturnSessionAsync(connection);
        }
    }

    private async Task<SmtpConnection> TakeSessionAsync(SmtpOptions settings, CancellationToken cancellationToken)
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (clock.GetElapsedTime(idle.IdleSince) < _maxIdle)
            {
                try
                {
                    // A session the server has since closed fails here, before any part of the message is sent.
                    await idle.Connection.ResetAsync(cancellationToken);
                    return idle.Connection;
                }
                catch (Exception ex) when (ex is SmtpReplyException or IOException or SocketException or TimeoutException)
                {
                    logger.LogDebug("A reused SMTP session was closed ({Error}); opening a new one", ex.Message);
                }
            }

            await idle.Connection.DisposeAsync();
        }

        return await SmtpConnection.OpenAsync(settings, cancellationToken);
    }

    private async Task ReturnSessionAsync(SmtpConnection connection)
    {
        if (connection.IsUsable && _idle.Count < MaxIdleSessions)
        {
            _idle.Enqueue((connection, clock.GetTimestamp()));
            return;
        }

        await connection.DisposeAsync();
    }

    private async Task WaitForRateAsync(SmtpOptions settings, CancellationToken cancellationToken)
    {
        if (settings.MaxPerSecond <= 0)
        {
            return;
        }

        TimeSpan wait;
        lock (_rateGate)
        {
            var now = clock.GetUtcNow();
            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + TimeSpan.FromSeconds(1.0 / settings.MaxPerSecond);
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
