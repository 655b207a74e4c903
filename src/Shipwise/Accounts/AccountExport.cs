using System.Data.Common;
using Dapper;
using Shipwise.Data;

namespace Shipwise.Accounts;

public sealed record ExportedAccount(string Email, DateTimeOffset CreatedAt, DateTimeOffset? VotesVoidedAt);

public sealed record ExportedBookmark(string Kind, string Target, DateTimeOffset CreatedAt);

public sealed record ExportedVote(string? Tool, string Choice, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);

public sealed record ExportedPairPick(string? Left, string? Right, string? Picked, DateTimeOffset CreatedAt);

public sealed record ExportedReviewFeedback(string? Tool, string Critic, bool Helpful, DateTimeOffset CreatedAt);

/// <summary>Everything Shipwise holds about one reader, as the privacy page promises it.</summary>
public sealed record AccountExportDocument(
    DateTimeOffset ExportedAt,
    ExportedAccount Account,
    IReadOnlyList<ExportedBookmark> Bookmarks,
    IReadOnlyList<ExportedVote> Votes,
    IReadOnlyList<ExportedPairPick> PairPicks,
    IReadOnlyList<ExportedReviewFeedback> ReviewFeedback);

/// <summary>
/// Builds a reader's data export. Votes, pair picks and review feedback belong to the
/// community feature; they are read by table name, and only when the table exists, so the
/// export works on a database whose schema predates them.
/// </summary>
public sealed class AccountExport(Db db, TimeProvider clock)
{
    // Classes with setters, not records: Dapper matches a record's constructor by the column types it sees, which SQLite
    // reports from the first row (or not at all for an empty result), and converts between types only for properties.
    private sealed class Row
    {
        public string? Kind { get; set; }

        public string? Target { get; set; }

        public string? Tool { get; set; }

        public string? Left { get; set; }

        public string? Right { get; set; }

        public string? Picked { get; set; }

        public string? Choice { get; set; }

        public string? Critic { get; set; }

        public long Helpful { get; set; }

        public string? Email { get; set; }

        public DateTimeOffset? VotesVoidedAt { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }
    }

    public async Task<AccountExportDocument?> BuildAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var account = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT email AS Email, created_at AS CreatedAt, votes_voided_at AS VotesVoidedAt FROM accounts WHERE id = @accountId AND deleted_at IS NULL",
            new { accountId }, cancellationToken: cancellationToken));
        if (account is null)
        {
            return null;
        }

        var id = new { accountId };
        var bookmarks = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT kind AS Kind, target AS Target, created_at AS CreatedAt FROM bookmarks WHERE account_id = @accountId ORDER BY created_at, kind, target",
            id, cancellationToken: cancellationToken));

        var tables = await TablesAsync(connection, cancellationToken);
        IEnumerable<Row> votes = [];
        if (tables.Contains("votes"))
        {
            votes = await connection.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT t.slug AS Tool, v.choice AS Choice, v.created_at AS CreatedAt, v.updated_at AS UpdatedAt
                FROM votes v LEFT JOIN tools t ON t.id = v.tool_id
                WHERE v.account_id = @accountId ORDER BY v.created_at, t.slug
                """,
                id, cancellationToken: cancellationToken));
        }

        IEnumerable<Row> picks = [];
        if (tables.Contains("pair_picks"))
        {
            picks = await connection.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT l.slug AS "Left", r.slug AS "Right", p.slug AS Picked, pp.created_at AS CreatedAt
                FROM pair_picks pp
                LEFT JOIN tools l ON l.id = pp.left_tool_id
                LEFT JOIN tools r ON r.id = pp.right_tool_id
                LEFT JOIN tools p ON p.id = pp.picked_tool_id
                WHERE pp.account_id = @accountId ORDER BY pp.created_at, l.slug, r.slug
                """,
                id, cancellationToken: cancellationToken));
        }

        IEnumerable<Row> feedback = [];
        if (tables.Contains("review_feedback"))
        {
            // helpful is a boolean on PostgreSQL and 0/1 on SQLite; CASE reads both.
            feedback = await connection.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT t.slug AS Tool, f.critic_slug AS Critic, CASE WHEN f.helpful THEN 1 ELSE 0 END AS Helpful, f.created_at AS CreatedAt
                FROM review_feedback f LEFT JOIN tools t ON t.id = f.tool_id
                WHERE f.account_id = @accountId ORDER BY f.created_at, t.slug, f.critic_slug
                """,
                id, cancellationToken: cancellationToken));
        }

        return new AccountExportDocument(
            clock.GetUtcNow(),
            new ExportedAccount(account.Email!, account.CreatedAt, account.VotesVoidedAt),
            bookmarks.Select(b => new ExportedBookmark(b.Kind!, b.Target!, b.CreatedAt)).ToList(),
            votes.Select(v => new ExportedVote(v.Tool, v.Choice!, v.CreatedAt, v.UpdatedAt)).ToList(),
            picks.Select(p => new ExportedPairPick(p.Left, p.Right, p.Picked, p.CreatedAt)).ToList(),
            feedback.Select(f => new ExportedReviewFeedback(f.Tool, f.Critic!, f.Helpful != 0, f.CreatedAt)).ToList());
    }

    private async Task<HashSet<string>> TablesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sql = db.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }
}
