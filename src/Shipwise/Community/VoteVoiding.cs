using Dapper;
using Shipwise.Data;

namespace Shipwise.Community;

/// <summary>What voiding an account's votes did, as the audit row records it.</summary>
public sealed record VoidResult(long AccountId, long VoidedBy, DateTimeOffset VoidedAt, int Votes, int Picks, int Feedback);

/// <summary>
/// An operator's answer to an abusive account: its votes, picks and "helpful" answers stop
/// counting, now and in future (the writer gives a voided account's new rows no counts_from).
/// The rows stay, so the account's own data export still shows them and the decision can be
/// audited; vote_voids records who voided what, and when.
/// </summary>
public sealed class VoteVoiding(Db db, TimeProvider clock, ILogger<VoteVoiding> logger)
{
    /// <summary>Null when there is no such account.</summary>
    public async Task<VoidResult?> VoidAsync(long accountId, long operatorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The account row first: on PostgreSQL this waits for (or holds off) a vote batch that read it FOR SHARE.
        var found = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET votes_voided_at = COALESCE(votes_voided_at, @now) WHERE id = @accountId",
            new { accountId, now }, transaction, cancellationToken: cancellationToken));
        if (found == 0)
        {
            return null;
        }

        async Task<int> VoidRowsAsync(string table) => await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET counts_from = NULL WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));

        var votes = await VoidRowsAsync("votes");
        var picks = await VoidRowsAsync("pair_picks");
        var feedback = await VoidRowsAsync("review_feedback");
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM community_maturing WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO vote_voids (account_id, voided_by, voided_at, votes, picks, feedback)
            VALUES (@accountId, @operatorId, @now, @votes, @picks, @feedback)
            """,
            new { accountId, operatorId, now, votes, picks, feedback }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(CommunityWriter.BumpChanges, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Operator {Operator} voided the votes of account {Account}: {Votes} votes, {Picks} picks, {Feedback} helpful answers",
            operatorId, accountId, votes, picks, feedback);
        return new VoidResult(accountId, operatorId, now, votes, picks, feedback);
    }
}

/// <summary>
/// New accounts' rows begin to count at a moment no write marks. This poll notices that moment
/// (community_maturing rows whose time has come), deletes those rows and bumps the change
/// sequence, so the site drops cached pages and shows the new counts.
/// </summary>
public sealed class CommunityMaturer(Db db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<CommunityOptions> options, ILogger<CommunityMaturer> logger) : BackgroundService
{
    public async Task<int> MatureAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var matured = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM community_maturing WHERE counts_from <= @now", new { now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (matured > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(CommunityWriter.BumpChanges, transaction: transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return matured;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.MaturePollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await MatureAsync(stoppingToken) is > 0 and var matured)
                {
                    logger.LogDebug("Votes of {Accounts} new accounts began to count", matured);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may still be migrating at start; the next poll tries again.
                logger.LogDebug(e, "Could not look for maturing votes");
            }

            try
            {
                // Wall-clock pacing of a poll, not domain time.
                await Task.Delay(interval, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
