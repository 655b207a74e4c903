using System.Text.Json;
using Dapper;
using Shipwise.Data;

namespace Shipwise.Digest;

public sealed record DigestRecord(long Id, string Week, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DigestContent Content, DateTimeOffset? CompletedAt);

/// <summary>A delivery this sender holds: mail it, then record what happened.</summary>
public sealed record ClaimedDelivery(long SubscriberId, string Email, string SubscriberStatus, string MessageId, long Attempts);

public sealed record DeliveryFailure
{
    public string Email { get; init; } = "";

    /// <summary>failed (transient: a later run tries again) or rejected (the server refused it for good).</summary>
    public string Status { get; init; } = "";

    public long Attempts { get; init; }

    public string? Error { get; init; }
}

public sealed record DeliveryCounts(long Pending, long Sending, long Sent, long Failed, long Rejected, long Skipped)
{
    public long Total => Pending + Sending + Sent + Failed + Rejected + Skipped;

    public long Open => Pending + Sending + Failed;
}

/// <summary>Which failed deliveries a run tries again.</summary>
/// <param name="StartedAt">Failures recorded since this run began are left for a later run.</param>
/// <param name="RetryCutoff">Only failures whose backoff ends by then (the scheduler honours it; the command line passes "always").</param>
/// <param name="MaxAttempts">Deliveries tried this often are left alone.</param>
public sealed record RetryRule(DateTimeOffset StartedAt, DateTimeOffset RetryCutoff, int MaxAttempts);

/// <summary>
/// Digests and their deliveries. The digest row (unique per ISO week) and one delivery per
/// confirmed subscriber are written in one transaction before anything is mailed; deliveries are
/// then claimed with a lease (on PostgreSQL with FOR UPDATE SKIP LOCKED), so several senders
/// share the work and never mail the same reader twice.
/// </summary>
public sealed class DigestStore(Db db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private sealed class DigestRow
    {
        public long Id { get; init; }
        public string Week { get; init; } = "";
        public DateTimeOffset PeriodStart { get; init; }
        public DateTimeOffset PeriodEnd { get; init; }
        public string Content { get; init; } = "";
        public DateTimeOffset? CompletedAt { get; init; }
    }

    private sealed class ClaimRow
    {
        public long SubscriberId { get; init; }
        public string MessageId { get; init; } = "";
        public long Attempts { get; init; }
    }

    private sealed class SubscriberRow
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Status { get; init; } = "";
    }

    private const string DigestColumns =
        "id AS Id, week AS Week, period_start AS PeriodStart, period_end AS PeriodEnd, content AS Content, completed_at AS CompletedAt";

    public async Task<DigestRecord?> FindAsync(string week, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DigestRow>(new CommandDefinition(
            $"SELECT {DigestColumns} FROM digests WHERE week = @week", new { week }, cancellationToken: cancellationToken));
        return row is null ? null : ToRecord(row);
    }

    /// <summary>Where the next digest starts: the end of the last one, or a week before <paramref name="now"/> for the first.</summary>
    public async Task<DateTimeOffset> NextPeriodStartAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var last = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT period_end FROM digests ORDER BY period_end DESC LIMIT 1", cancellationToken: cancellationToken));
        return last is { } end && end < now ? end : now.AddDays(-7);
    }

    /// <summary>
    /// The digest of <paramref name="week"/>: the existing one, or a new one with <paramref name="content"/>
    /// and a delivery per confirmed subscriber, all in one transaction. When two senders race, the
    /// unique week lets one insert and the other reads what it wrote. Returns whether this call created it.
    /// </summary>
    public async Task<(DigestRecord Digest, bool Created)> EnsureAsync(string week, DigestContent content, string messageIdDomain, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            INSERT INTO digests (week, period_start, period_end, items, content, created_at)
            VALUES (@week, @start, @end, @items, @json, @now)
            ON CONFLICT (week) DO NOTHING
            RETURNING id
            """,
            new { week, start = content.PeriodStart, end = content.PeriodEnd, items = content.Total, json = JsonSerializer.Serialize(content, _json), now },
            transaction, cancellationToken: cancellationToken));
        if (id is { } created)
        {
            // Nothing to say, nobody to mail: the digest row still records the week (and where the next period starts).
            if (content.Total > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO digest_deliveries (digest_id, subscriber_id, status, attempts, message_id, updated_at)
                    SELECT @created, id, 'pending', 0, 'digest-' || @week || '-' || CAST(id AS TEXT) || '@' || @domain, @now
                    FROM subscribers WHERE status = 'confirmed'
                    """,
                    new { created, week = week.ToLowerInvariant(), domain = messageIdDomain, now }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE digests SET completed_at = @now WHERE id = @created", new { created, now }, transaction, cancellationToken: cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<DigestRow>(new CommandDefinition(
            $"SELECT {DigestColumns} FROM digests WHERE week = @week", new { week }, cancellationToken: cancellationToken));
        return (ToRecord(row), id is not null);
    }

    /// <summary>Claims up to <paramref name="limit"/> deliveries: pending ones, ones whose sender's lease ran out, and failures <paramref name="retry"/> allows.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        long digestId, string node, int limit, TimeSpan lease, RetryRule retry, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var skipLocked = db.IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await db.OpenAsync(cancellationToken);
        var claimed = (await connection.QueryAsync<ClaimRow>(new CommandDefinition(
            $"""
            UPDATE digest_deliveries SET status = 'sending', claimed_by = @node, claimed_until = @until, attempts = attempts + 1, updated_at = @now
            WHERE digest_id = @digestId AND subscriber_id IN (
                SELECT subscriber_id FROM digest_deliveries
                WHERE digest_id = @digestId AND (
                    status = 'pending'
                    OR (status = 'sending' AND claimed_until < @now)
                    OR (status = 'failed' AND updated_at < @startedAt AND retry_after <= @retryCutoff AND attempts < @maxAttempts))
                ORDER BY subscriber_id
                LIMIT @limit {skipLocked})
            RETURNING subscriber_id AS SubscriberId, message_id AS MessageId, attempts AS Attempts
            """,
            new { digestId, node, until = now + lease, now, startedAt = retry.StartedAt, retryCutoff = retry.RetryCutoff, maxAttempts = retry.MaxAttempts, limit },
            cancellationToken: cancellationToken))).ToList();
        if (claimed.Count == 0)
        {
            return [];
        }

        var subscribers = (await connection.QueryAsync<SubscriberRow>(new CommandDefinition(
            $"SELECT id AS Id, email AS Email, status AS Status FROM subscribers WHERE {db.InList("id", "ids")}",
            new { ids = db.ListValue(claimed.Select(c => c.SubscriberId).ToList()) }, cancellationToken: cancellationToken)))
            .ToDictionary(s => s.Id);
        return claimed
            .OrderBy(c => c.SubscriberId)
            .Select(c => subscribers.TryGetValue(c.SubscriberId, out var s)
                ? new ClaimedDelivery(c.SubscriberId, s.Email, s.Status, c.MessageId, c.Attempts)
                : new ClaimedDelivery(c.SubscriberId, "", "unsubscribed", c.MessageId, c.Attempts))
            .ToList();
    }

    /// <summary>Keeps this sender's claims reserved while it works through them.</summary>
    public async Task RenewAsync(long digestId, string node, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE digest_deliveries SET claimed_until = @until WHERE digest_id = @digestId AND claimed_by = @node AND status = 'sending'",
            new { digestId, node, until = now + lease }, cancellationToken: cancellationToken));
    }

    /// <summary>Records that the SMTP server accepted the message. Called at once, before the next message, to keep the resend window small.</summary>
    public Task MarkSentAsync(long digestId, long subscriberId, CancellationToken cancellationToken) =>
        SetAsync(digestId, subscriberId, "status = 'sent', sent_at = @now, last_error = NULL", null, null, cancellationToken);

    public Task MarkSkippedAsync(long digestId, long subscriberId, CancellationToken cancellationToken) =>
        SetAsync(digestId, subscriberId, "status = 'skipped'", null, null, cancellationToken);

    /// <summary>A transient failure is tried again by a later run after <paramref name="retryAfter"/>; a permanent one (5xx, a bad address) is not.</summary>
    public Task MarkFailedAsync(long digestId, long subscriberId, bool transient, string error, DateTimeOffset retryAfter, CancellationToken cancellationToken) =>
        SetAsync(digestId, subscriberId, transient ? "status = 'failed', last_error = @error, retry_after = @retryAfter" : "status = 'rejected', last_error = @error",
            error.Length > 1000 ? error[..1000] : error, retryAfter, cancellationToken);

    public async Task<DeliveryCounts> CountAsync(long digestId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, count(*) FROM digest_deliveries WHERE digest_id = @digestId GROUP BY status",
            new { digestId }, cancellationToken: cancellationToken))).ToDictionary(r => r.Status, r => r.Count);
        return new DeliveryCounts(
            rows.GetValueOrDefault("pending"), rows.GetValueOrDefault("sending"), rows.GetValueOrDefault("sent"),
            rows.GetValueOrDefault("failed"), rows.GetValueOrDefault("rejected"), rows.GetValueOrDefault("skipped"));
    }

    /// <summary>When the last claim held by another sender runs out, if any is left (the caller may wait and take it over).</summary>
    public async Task<DateTimeOffset?> OthersClaimedUntilAsync(long digestId, string node, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT max(claimed_until) FROM digest_deliveries WHERE digest_id = @digestId AND status = 'sending' AND claimed_by <> @node",
            new { digestId, node }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DeliveryFailure>> FailuresAsync(long digestId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryFailure>(new CommandDefinition(
            """
            SELECT s.email AS Email, d.status AS Status, d.attempts AS Attempts, d.last_error AS Error
            FROM digest_deliveries d JOIN subscribers s ON s.id = d.subscriber_id
            WHERE d.digest_id = @digestId AND d.status IN ('failed', 'rejected')
            ORDER BY s.email
            """,
            new { digestId }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Marks the digest finished once nothing is left to send (failures still count as open).</summary>
    public async Task CompleteIfDoneAsync(long digestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE digests SET completed_at = @now
            WHERE id = @digestId AND completed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM digest_deliveries WHERE digest_id = @digestId AND status IN ('pending', 'sending', 'failed'))
            """,
            new { digestId, now }, cancellationToken: cancellationToken));
    }

    public sealed class DigestSummary
    {
        public long Id { get; init; }
        public string Week { get; init; } = "";
        public DateTimeOffset PeriodStart { get; init; }
        public DateTimeOffset PeriodEnd { get; init; }
        public long Items { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public long Sent { get; init; }
        public long Open { get; init; }
    }

    /// <summary>The latest digests with how far each got (the operator's page).</summary>
    public async Task<IReadOnlyList<DigestSummary>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DigestSummary>(new CommandDefinition(
            """
            SELECT g.id AS Id, g.week AS Week, g.period_start AS PeriodStart, g.period_end AS PeriodEnd, g.items AS Items, g.created_at AS CreatedAt,
                   g.completed_at AS CompletedAt,
                   (SELECT count(*) FROM digest_deliveries d WHERE d.digest_id = g.id AND d.status = 'sent') AS Sent,
                   (SELECT count(*) FROM digest_deliveries d WHERE d.digest_id = g.id AND d.status IN ('pending', 'sending', 'failed')) AS Open
            FROM digests g ORDER BY g.period_end DESC LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private async Task SetAsync(long digestId, long subscriberId, string assignments, string? error, DateTimeOffset? retryAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE digest_deliveries SET {assignments}, claimed_by = NULL, claimed_until = NULL, updated_at = @now
            WHERE digest_id = @digestId AND subscriber_id = @subscriberId AND status <> 'sent'
            """,
            new { digestId, subscriberId, now, error, retryAfter }, cancellationToken: cancellationToken));
    }

    private static DigestRecord ToRecord(DigestRow row) =>
        new(row.Id, row.Week, row.PeriodStart, row.PeriodEnd,
            JsonSerializer.Deserialize<DigestContent>(row.Content, _json) ?? throw new InvalidDataException($"Digest {row.Week} has no content."),
            row.CompletedAt);
}
