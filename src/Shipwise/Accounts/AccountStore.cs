using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Shipwise.Data;

namespace Shipwise.Accounts;

public sealed record Account(long Id, string Email, DateTimeOffset CreatedAt, string SecurityStamp);

public enum LinkUse { SignedIn, AlreadyUsed }

/// <summary>An account as the operator page lists it (deleted accounts have no address).</summary>
public sealed class AccountSummary
{
    public long Id { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public DateTimeOffset? VotesVoidedAt { get; set; }
}

/// <summary>
/// Another feature's personal data, erased in the same transaction that deletes an account
/// (for example a digest subscription held by address). Register implementations as singletons.
/// </summary>
public interface IAccountEraser
{
    Task EraseAsync(DbConnection connection, DbTransaction transaction, long accountId, string email, CancellationToken cancellationToken);
}

/// <summary>The accounts table: created on the first confirmed sign-in, tombstoned on deletion.</summary>
public sealed class AccountStore(Db db, TimeProvider clock, IEnumerable<IAccountEraser> erasers)
{
    private sealed record AccountRow(long Id, string Email, DateTimeOffset CreatedAt, string SecurityStamp);

    /// <summary>
    /// Marks the link used and finds or creates the account, in one transaction: a link used
    /// twice at the same moment signs in once, and a link that was used creates nothing.
    /// </summary>
    public async Task<(LinkUse Use, Account? Account)> SignInWithLinkAsync(SignInLink link, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The write comes first, so SQLite takes its write lock before reading anything (no upgrade deadlock).
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO signin_links_used (link_id, used_at, expires_at) VALUES (@id, @now, @expires) ON CONFLICT (link_id) DO NOTHING",
            new { id = link.Id, now, expires = link.ExpiresAt }, transaction, cancellationToken: cancellationToken));
        if (marked == 0)
        {
            return (LinkUse.AlreadyUsed, null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (email, created_at, security_stamp) VALUES (@email, @now, @stamp) ON CONFLICT (email) DO NOTHING",
            new { email = link.Email, now, stamp = NewStamp() }, transaction, cancellationToken: cancellationToken));
        var row = await connection.QuerySingleAsync<AccountRow>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, created_at AS CreatedAt, security_stamp AS SecurityStamp FROM accounts WHERE email = @email",
            new { email = link.Email }, transaction, cancellationToken: cancellationToken));

        // Links expire within minutes, so older rows can never match again.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM signin_links_used WHERE expires_at < @now", new { now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (LinkUse.SignedIn, new Account(row.Id, row.Email, row.CreatedAt, row.SecurityStamp));
    }

    public async Task<bool> IsLinkUsedAsync(string linkId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM signin_links_used WHERE link_id = @linkId", new { linkId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<Account?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, created_at AS CreatedAt, security_stamp AS SecurityStamp FROM accounts WHERE id = @id AND deleted_at IS NULL",
            new { id }, cancellationToken: cancellationToken));
        return row is null ? null : new Account(row.Id, row.Email, row.CreatedAt, row.SecurityStamp);
    }

    /// <summary>The stamp a live session must carry; null when the account is gone.</summary>
    public async Task<string?> SecurityStampAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT security_stamp FROM accounts WHERE id = @id AND deleted_at IS NULL", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The newest accounts first, for operators looking for a burst of new accounts.</summary>
    public async Task<IReadOnlyList<AccountSummary>> NewestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AccountSummary>(new CommandDefinition(
            """
            SELECT id AS Id, email AS Email, created_at AS CreatedAt, deleted_at AS DeletedAt, votes_voided_at AS VotesVoidedAt
            FROM accounts ORDER BY id DESC LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Ends every session of the account (all devices) without deleting it.</summary>
    public async Task RotateStampAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET security_stamp = @stamp WHERE id = @id", new { id, stamp = NewStamp() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Removes the address and the bookmarks and ends every session; the row stays as an
    /// anonymous tombstone so the votes it cast still count. False when there was no such live account.
    /// </summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The write comes first (SQLite's write lock), and a second delete finds nothing to do.
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET deleted_at = @now, security_stamp = @stamp WHERE id = @id AND deleted_at IS NULL",
            new { id, now, stamp = NewStamp() }, transaction, cancellationToken: cancellationToken));
        if (deleted == 0)
        {
            return false;
        }

        var email = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT email FROM accounts WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        foreach (var eraser in erasers)
        {
            await eraser.EraseAsync(connection, transaction, id, email ?? "", cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bookmarks WHERE account_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET email = NULL WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
