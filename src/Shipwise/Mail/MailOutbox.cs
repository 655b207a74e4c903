using System.Threading.Channels;

namespace Shipwise.Mail;

/// <summary>
/// Sends mail off the request that asked for it: the answer takes the same short time whatever
/// the address and however slow the mail server, and SMTP retries never hold a request. Not
/// durable: what a restart loses is a mail the reader asks for again (a confirmation link). Mail
/// that must not be lost (the digest) has its own table.
/// </summary>
public sealed class MailOutbox(MailSender sender, ILogger<MailOutbox> logger) : BackgroundService
{
    private const int Senders = 2;

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
                    // MailSender logged every attempt; this names which mail was lost.
                    logger.LogError("Could not send \"{Subject}\" from the outbox: {Error}", mail.Subject, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; queued mail is asked for again.
        }
    }
}
