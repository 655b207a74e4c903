using System.Data.Common;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shipwise.Core.Panel;
using Shipwise.Data;

namespace Shipwise.Panel;

/// <summary>
/// Keeps each tool's panel figures (tools.panel_*) in step with its current reviews, inside the
/// transaction that changed them, so list pages rank from an index instead of aggregating reviews.
/// The arithmetic is PanelSummary's, the one definition of a verdict; readers of these columns rebuild
/// a PanelSummary from the counts rather than trusting panel_percent, which is kept for sorting.
/// </summary>
public static class ToolPanelTotals
{
    private sealed record Take
    {
        public long ToolId { get; init; }
        public string Verdict { get; init; } = "";
        public int? Score { get; init; }
    }

    private sealed record Before
    {
        public long Id { get; init; }
        public int PanelRank { get; init; }
        public int? PanelPercent { get; init; }
        public int PanelShips { get; init; }
        public int PanelSkips { get; init; }
        public int PanelNoTakes { get; init; }
    }

    public static async Task RefreshAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> toolIds, DateTimeOffset now)
    {
        if (toolIds.Count == 0)
        {
            return;
        }

        var isPostgres = connection is NpgsqlConnection;
        var ids = isPostgres ? (object)toolIds.ToArray() : JsonSerializer.Serialize(toolIds);
        var inList = isPostgres ? "= ANY(@ids)" : "IN (SELECT value FROM json_each(@ids))";
        var takes = (await connection.QueryAsync<Take>(
                $"SELECT tool_id AS ToolId, verdict AS Verdict, score AS Score FROM reviews WHERE tool_id {inList} AND is_current = {Db.True(connection)}",
                new { ids }, transaction))
            .ToLookup(t => t.ToolId);
        var before = (await connection.QueryAsync<Before>(
                $"SELECT id AS Id, panel_rank AS PanelRank, panel_percent AS PanelPercent, panel_ships AS PanelShips, panel_skips AS PanelSkips, panel_no_takes AS PanelNoTakes FROM tools WHERE id {inList}",
                new { ids }, transaction))
            .ToList();

        var rows = new List<Update>(before.Count);
        foreach (var old in before)
        {
            var summary = PanelArithmetic.Summarize(takes[old.Id].Select(t => (VerdictText.Parse(t.Verdict), t.Score)));
            var rank = summary.Rank;
            var verdictMoved = rank != old.PanelRank || summary.ShipPercent != old.PanelPercent;
            var firstVerdicts = old.PanelShips + old.PanelSkips + old.PanelNoTakes == 0;
            var unchanged = !verdictMoved && summary.Ships == old.PanelShips && summary.Skips == old.PanelSkips && summary.NoTakes == old.PanelNoTakes;
            if (unchanged)
            {
                continue;
            }

            rows.Add(new Update(
                old.Id, summary.Ships, summary.Skips, summary.NoTakes, summary.ShipPercent, rank, summary.MeanScore,
                // The home page and feed list new and changed verdicts; a re-review that lands on the same verdict is not news.
                Moved: verdictMoved || firstVerdicts,
                PreviousRank: firstVerdicts ? null : old.PanelRank,
                PreviousPercent: firstVerdicts ? null : old.PanelPercent));
        }

        if (rows.Count == 0)
        {
            return;
        }

        if (isPostgres)
        {
            await connection.ExecuteAsync(
                """
                UPDATE tools t SET panel_ships = w.ships, panel_skips = w.skips, panel_no_takes = w.no_takes, panel_percent = w.percent, panel_rank = w.rank,
                    panel_mean = w.mean,
                    panel_changed_at = CASE WHEN w.moved THEN @now ELSE t.panel_changed_at END,
                    panel_previous_rank = CASE WHEN w.moved THEN w.previous_rank ELSE t.panel_previous_rank END,
                    panel_previous_percent = CASE WHEN w.moved THEN w.previous_percent ELSE t.panel_previous_percent END
                FROM json_to_recordset(@rows::json) AS w(id bigint, ships int, skips int, no_takes int, percent int, rank int, mean double precision,
                    moved boolean, previous_rank int, previous_percent int)
                WHERE t.id = w.id
                """,
                new { rows = JsonSerializer.Serialize(rows, Update.Json), now }, transaction);
            return;
        }

        // SQLite: one prepared statement, its parameters made once, run per tool.
        await using var statement = SqliteRowStatement.Prepare(
            connection, transaction,
            """
            UPDATE tools SET panel_ships = @ships, panel_skips = @skips, panel_no_takes = @no_takes, panel_percent = @percent, panel_rank = @rank,
                panel_mean = @mean,
                panel_changed_at = CASE WHEN @moved THEN @now ELSE panel_changed_at END,
                panel_previous_rank = CASE WHEN @moved THEN @previous_rank ELSE panel_previous_rank END,
                panel_previous_percent = CASE WHEN @moved THEN @previous_percent ELSE panel_previous_percent END
            WHERE id = @id
            """,
            ["@id", "@ships", "@skips", "@no_takes", "@percent", "@rank", "@mean", "@moved", "@previous_rank", "@previous_percent", "@now"]);
        var at = DateTimeOffsetHandler.SqliteText(now);
        foreach (var r in rows)
        {
            statement.Run(r.Id, r.Ships, r.Skips, r.NoTakes, r.Percent, r.Rank, r.Mean, r.Moved, r.PreviousRank, r.PreviousPercent, at);
        }
    }

    /// <summary>One tool's new figures; named so that PostgreSQL's json_to_recordset reads them in snake case.</summary>
    private sealed record Update(
        long Id, int Ships, int Skips, int NoTakes, int? Percent, int Rank, double? Mean, bool Moved, int? PreviousRank, int? PreviousPercent)
    {
        public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    }
}
