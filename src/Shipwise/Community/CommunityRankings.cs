using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Core.Catalog;
using Shipwise.Core.Community;
using Shipwise.Data;

namespace Shipwise.Community;

/// <summary>A category's community ranking, with how many of its tools nobody has picked between yet.</summary>
public sealed record CategoryRanking(Category Category, CommunityRanking Ranking, long ToolsInCategory)
{
    public long UnrankedTools => ToolsInCategory - Ranking.Ranked.Count;
}

/// <summary>Builds a category's Bradley–Terry ranking from the counted pair picks between its tools.</summary>
public sealed class CommunityRankings(Db db, TimeProvider clock, IOptions<CommunityOptions> options)
{
    // Settable properties, not a positional record: on SQLite an empty result has no column types for Dapper to match a constructor with.
    private sealed class PickRow
    {
        public long WinnerId { get; init; }

        public long LoserId { get; init; }

        public long Count { get; init; }
    }

    public async Task<CategoryRanking> ForCategoryAsync(Category category, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(category);
        await using var connection = await db.OpenAsync(cancellationToken);

        // Only picks between two tools of this category count here; a pick across categories ranks neither.
        var picks = (await connection.QueryAsync<PickRow>(new CommandDefinition(
            """
            SELECT p.picked_tool_id AS WinnerId,
                   CASE WHEN p.picked_tool_id = p.left_tool_id THEN p.right_tool_id ELSE p.left_tool_id END AS LoserId,
                   count(*) AS Count
            FROM pair_picks p
            JOIN tools l ON l.id = p.left_tool_id
            JOIN tools r ON r.id = p.right_tool_id
            WHERE l.category = @category AND r.category = @category AND p.counts_from <= @now
            GROUP BY p.left_tool_id, p.right_tool_id, p.picked_tool_id
            """,
            new { category = category.Slug, now = clock.GetUtcNow() }, cancellationToken: cancellationToken))).ToList();
        var ids = picks.SelectMany(p => new[] { p.WinnerId, p.LoserId }).Distinct().ToList();
        var candidates = ids.Count == 0
            ? []
            : (await connection.QueryAsync<(long Id, string Slug, string Name)>(new CommandDefinition(
                $"SELECT id, slug, name FROM tools WHERE {db.InList("id", "ids")}",
                new { ids = db.ListValue(ids) }, cancellationToken: cancellationToken))).Select(t => new RankingCandidate(t.Id, t.Slug, t.Name)).ToList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM tools WHERE category = @category", new { category = category.Slug }, cancellationToken: cancellationToken));
        var ranking = CommunityRanking.Build(candidates, picks.Select(p => new PickCount(p.WinnerId, p.LoserId, (int)p.Count)), options.Value.Rules);
        return new CategoryRanking(category, ranking, total);
    }
}
