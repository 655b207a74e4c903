using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Shipwise.Security;

namespace Shipwise.Mail;

/// <summary>What a mail sent through the outbox is; each kind has its own queue and its own cap per recipient.</summary>
public enum MailKind
{
    /// <summary>A sign-in link: someone is waiting for it, and it expires in minutes. Sent first.</summary>
    SignInLink,

    /// <summary>A digest subscription's confirmation.</summary>
    SubscriptionConfirmation,
}

public enum MailQueued { Queued, RecipientLimit, QueueFull }

/// <summary>The outcome of <see cref="MailOutbox.TryEnqueue"/>; <paramref name="RetryAfter"/> when the recipient's cap was reached.</summary>
public readonly record struct MailQueueResult(MailQueued Outcome, TimeSpan? RetryAfter = null);

/// <summary>RateLimits:MailPerRecipient — mails of one kind to one address per window, whoever asks for them.</summary>
public sealed class MailLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    public RateLimitRule MailPerRecipient { get; set; } = new() { PermitLimit = 5, WindowSeconds = 3600 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MailPerRecipient.Check($"{Section}:{nameof(MailPerRecipient)}", nameof(MailPerRecipient));
}

/// <summary>
/// Sends mail off the request that asked for it: the answer takes the same short time whatever
/// the address and however slow the mail server, and SMTP retries never hold a request. Not
/// durable: what a restart loses is a mail the reader asks for again (a confirmation link). Mail
/// that must not be lost (the digest) has its own table.
/// Each <see cref="MailKind"/> has its own bounded queue, and senders take sign-in links first, so a
/// flood of subscription requests can neither fill the room sign-in links need nor delay them.
/// Whoever asks, one address gets at most RateLimits:MailPerRecipient mails of a kind per window
/// (counted per node; several nodes each allow that many).
/// </summary>
public sealed class MailOutbox : BackgroundService
{
    private const int Senders = 2;
    private const int QueueCapacity = 1_000;

    private readonly MailSender _sender;
    private readonly ILogger<MailOutbox> _logger;
    private readonly Dictionary<MailKind, Channel<OutgoingMail>> _queues;
    private readonly SemaphoreSlim _queued = new(0);
    private readonly PartitionedRateLimiter<string> _perRecipient;

    public MailOutbox(MailSender sender, IOptions<MailLimitOptions> limits, ILogger<MailOutbox> logger)
    {
        _sender = sender;
        _logger = logger;
        _queues = Enum.GetValues<MailKind>().ToDictionary(kind => kind, _ => Channel.CreateBounded<OutgoingMail>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        }));
        var rule = limits.Value.MailPerRecipient;

        // Fixed windows per (kind, address); a window's limiter is dropped once it is idle, so memory follows recent recipients only.
        _perRecipient = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public MailQueueResult TryEnqueue(OutgoingMail mail, MailKind kind)
    {
        using (var lease = _perRecipient.AttemptAcquire($"{kind}:{mail.To.Trim().ToLowerInvariant()}"))
        {
            if (!lease.IsAcquired)
            {
                return new MailQueueResult(MailQueued.RecipientLimit, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null);
            }
        }

        if (!_queues[kind].Writer.TryWrite(mail))
        {
            return new MailQueueResult(MailQueued.QueueFull);
        }

        _queued.Release();
        return new MailQueueResult(MailQueued.Queued);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendAllAsync(stoppingToken)));

    public override void Dispose()
    {
        _perRecipient.Dispose();
        _queued.Dispose();
        base.Dispose();
    }

    private async Task SendAllAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                // One permit per queued mail, so after the wait one of the queues has a mail; sign-in links come first.
                await _queued.WaitAsync(stoppingToken);
                if (!_queues[MailKind.SignInLink].Reader.TryRead(out var mail) && !_queues[MailKind.SubscriptionConfirmation].Reader.TryRead(out mail))
                {
                    continue;
                }

                try
                {
                    await _sender.SendAsync(mail, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // MailSender logged every attempt; this names which mail was lost.
                    _logger.LogError("Could not send \"{Subject}\" from the outbox: {Error}", mail.Subject, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; queued mail is asked for again.
        }
    }
}
