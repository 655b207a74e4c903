using Dapper;
using Shipwise.Data;

namespace Shipwise.Digest;

public enum SubscriberStatus { Pending, Confirmed, Unsubscribed }

public sealed record Subscriber(long Id, string Email, SubscriberStatus Status);

public enum SubscriptionChange { Changed, AlreadyDone, NotFound }

/// <summary>The subscribers table: double opt-in and unsubscribing.</summary>
public sealed class SubscriberStore(Db db, TimeProvider clock)
{
    /// <summary>A form posted again within this time does not mail the address again.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Records a request to subscribe <paramref name="email"/> (normalized). Returns the subscriber
    /// when a confirmation mail should go out: not for a confirmed subscriber, and not twice within
    /// <see cref="ResendAfter"/>, so the form cannot be used to flood someone's mailbox.
    /// </summary>
    public async Task<Subscriber?> RequestAsync(string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO subscribers (email, status, created_at) VALUES (@email, 'pending', @now) ON CONFLICT (email) DO NOTHING",
            new { email, now }, cancellationToken: cancellationToken));

        // One conditional update decides, so two requests at once send one mail.
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE subscribers SET confirm_sent_at = @now
            WHERE email = @email AND status <> 'confirmed' AND (confirm_sent_at IS NULL OR confirm_sent_at <= @cutoff)
            RETURNING id
            """,
            new { email, now, cutoff = now - ResendAfter }, cancellationToken: cancellationToken));
        return id is { } found ? new Subscriber(found, email, SubscriberStatus.Pending) : null;
    }

    public async Task<Subscriber?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriberRow>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, status AS Status FROM subscribers WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : new Subscriber(row.Id, row.Email, ParseStatus(row.Status));
    }

    /// <summary>Confirms the subscription a link was issued for; the address must still be the one in the link.</summary>
    public async Task<SubscriptionChange> ConfirmAsync(long id, string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscribers SET status = 'confirmed', confirmed_at = @now, unsubscribed_at = NULL WHERE id = @id AND email = @email AND status <> 'confirmed'",
            new { id, email, now }, cancellationToken: cancellationToken));
        return changed > 0 ? SubscriptionChange.Changed : await ExistsAsync(connection, id, email, cancellationToken);
    }

    /// <summary>Unsubscribes, and skips any digest not yet mailed to the reader (a resumed send must not reach them).</summary>
    public async Task<SubscriptionChange> UnsubscribeAsync(long id, string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = @now WHERE id = @id AND email = @email AND status <> 'unsubscribed'",
            new { id, email, now }, transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE digest_deliveries SET status = 'skipped', updated_at = @now WHERE subscriber_id = @id AND status IN ('pending', 'failed')",
                new { id, now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed > 0 ? SubscriptionChange.Changed : await ExistsAsync(connection, id, email, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SubscriberStatus, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, count(*) FROM subscribers GROUP BY status", cancellationToken: cancellationToken));
        return Enum.GetValues<SubscriberStatus>().ToDictionary(s => s, s => rows.Where(r => ParseStatus(r.Status) == s).Sum(r => r.Count));
    }

    private sealed record SubscriberRow(long Id, string Email, string Status);

    internal static SubscriberStatus ParseStatus(string status) => status switch
    {
        "confirmed" => SubscriberStatus.Confirmed,
        "unsubscribed" => SubscriberStatus.Unsubscribed,
        _ => SubscriberStatus.Pending,
    };

    private static async Task<SubscriptionChange> ExistsAsync(System.Data.Common.DbConnection connection, long id, string email, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM subscribers WHERE id = @id AND email = @email", new { id, email }, cancellationToken: cancellationToken)) > 0
            ? SubscriptionChange.AlreadyDone
            : SubscriptionChange.NotFound;
}
