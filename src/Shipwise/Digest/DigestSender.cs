using Microsoft.Extensions.Options;
using Shipwise.Accounts;
using Shipwise.Mail;

namespace Shipwise.Digest;

/// <summary>How one run went.</summary>
public sealed record DigestRun(
    string Week, long DigestId, bool Created, int Items, long SentNow, long SkippedNow, DeliveryCounts Counts, IReadOnlyList<DeliveryFailure> Failures)
{
    public bool Complete => Counts.Open == 0;
}

public sealed record DigestProgress(long Done, long Total);

/// <summary>
/// Sends this week's digest, idempotently: create (or find) the week's digest with all its
/// deliveries, then claim deliveries in small batches, mail each, and mark it sent as soon as
/// the SMTP server has accepted it. A run that dies leaves its unsent claims to the next run
/// (after their lease); a rerun never mails a delivery already marked sent.
/// </summary>
public sealed class DigestSender(
    DigestStore store, DigestComposer composer, SubscriptionTokens tokens, MailSender mail, MailLinks links,
    IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestSender> logger)
{
    /// <summary>The links a digest mail carries for one subscriber.</summary>
    public DigestLinks LinksFor(long subscriberId, string email) => new(
        links.Absolute("/").TrimEnd('/'), links.Absolute("/subscribe"), links.Absolute("/unsubscribe?token=" + tokens.IssueUnsubscribe(subscriberId, email)),
        string.IsNullOrWhiteSpace(options.Value.UnsubscribeMailbox) ? null : options.Value.UnsubscribeMailbox);

    /// <summary>What a digest created now would say (the operator's preview), without creating it.</summary>
    public async Task<DigestContent> PreviewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await store.FindAsync(DigestContent.WeekOf(now), cancellationToken);
        return existing?.Content ?? await composer.ComposeAsync(await store.NextPeriodStartAsync(now, cancellationToken), now, cancellationToken);
    }

    /// <param name="node">This sender's name in claims.</param>
    /// <param name="scheduled">
    /// The background schedule: honours the retry backoff and attempt limit and does not wait for
    /// other senders' claims. The command line retries every failure and waits out the lease of a
    /// sender that stopped, so one run finishes the job.
    /// </param>
    public async Task<DigestRun> SendAsync(string node, bool scheduled, Action<DigestProgress>? progress, CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured)
        {
            throw new InvalidOperationException("The digest cannot be sent: mail is not configured. Set Smtp:Host and Smtp:From (and Shipwise:PublicUrl for the links).");
        }

        // Fail before creating anything when links cannot be built.
        _ = links.Absolute("/");
        var settings = options.Value;
        var startedAt = clock.GetUtcNow();
        var week = DigestContent.WeekOf(startedAt);
        var digest = await store.FindAsync(week, cancellationToken);
        var created = false;
        if (digest is null)
        {
            var content = await composer.ComposeAsync(await store.NextPeriodStartAsync(startedAt, cancellationToken), startedAt, cancellationToken);
            (digest, created) = await store.EnsureAsync(week, content, mail.SenderDomain, cancellationToken);
            if (created)
            {
                logger.LogInformation("Created the digest for {Week}: {Items} verdicts", week, content.Total);
            }
        }

        var retry = scheduled
            ? new RetryRule(startedAt, startedAt, settings.MaxDeliveryAttempts)
            : new RetryRule(startedAt, DateTimeOffset.MaxValue, int.MaxValue);
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        var before = await store.CountAsync(digest.Id, cancellationToken);
        var total = before.Open;
        long done = 0, sent = 0, skipped = 0;
        progress?.Invoke(new DigestProgress(0, total));

        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewLeasesAsync(digest.Id, node, lease, stopRenewing.Token);
        try
        {
            while (true)
            {
                var batch = await store.ClaimAsync(digest.Id, node, settings.BatchSize, lease, retry, cancellationToken);
                if (batch.Count == 0)
                {
                    // Claims of a sender that stopped (killed, or a node that went away) are taken over once their lease runs out.
                    if (scheduled || await store.OthersClaimedUntilAsync(digest.Id, node, cancellationToken) is not { } until)
                    {
                        break;
                    }

                    var wait = until - clock.GetUtcNow() + TimeSpan.FromMilliseconds(100);
                    logger.LogInformation("Waiting {Seconds:0.0} s for deliveries claimed by another sender", Math.Max(0, wait.TotalSeconds));
                    // How often to look again is a matter of elapsed time, not of the calendar the clock keeps
                    // (whether a lease ran out is read from the clock): a test's fake clock must not freeze it.
                    await Task.Delay(wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100), cancellationToken);
                    continue;
                }

                foreach (var delivery in batch)
                {
                    if (await DeliverAsync(digest, delivery, cancellationToken))
                    {
                        sent++;
                    }
                    else if (delivery.SubscriberStatus != "confirmed")
                    {
                        skipped++;
                    }

                    progress?.Invoke(new DigestProgress(++done, Math.Max(total, done)));
                }
            }
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }

        await store.CompleteIfDoneAsync(digest.Id, cancellationToken);
        var counts = await store.CountAsync(digest.Id, cancellationToken);
        var failures = counts.Failed + counts.Rejected > 0 ? await store.FailuresAsync(digest.Id, cancellationToken) : [];
        return new DigestRun(week, digest.Id, created, digest.Content.Total, sent, skipped, counts, failures);
    }

    /// <summary>Mails one delivery and records the outcome; true when the SMTP server accepted it.</summary>
    private async Task<bool> DeliverAsync(DigestRecord digest, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.SubscriberStatus != "confirmed")
        {
            // Unsubscribed (or gone) after the digest was created.
            await store.MarkSkippedAsync(digest.Id, delivery.SubscriberId, cancellationToken);
            return false;
        }

        var message = DigestMail.Compose(digest.Content, delivery.Email, LinksFor(delivery.SubscriberId, delivery.Email), delivery.MessageId);
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException ex)
        {
            // A later run tries a transient failure again, backing off by how often it failed.
            var retryAfter = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Min(24 * 60, 5 * Math.Pow(2, delivery.Attempts - 1)));
            await store.MarkFailedAsync(digest.Id, delivery.SubscriberId, ex.IsTransient, ex.Message, retryAfter, CancellationToken.None);
            return false;
        }

        // Not cancellable: the message is out, so the mark must be written even when the run is being stopped.
        await store.MarkSentAsync(digest.Id, delivery.SubscriberId, CancellationToken.None);
        return true;
    }

    private async Task RenewLeasesAsync(long digestId, string node, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(lease / 3, clock);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await store.RenewAsync(digestId, node, lease, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Could not renew the digest claims of {Node}: {Error}", node, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }
    }
}
