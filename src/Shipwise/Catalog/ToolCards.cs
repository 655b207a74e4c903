using Dapper;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Data;

namespace Shipwise.Catalog;

/// <summary>A tool as lists show it: identity and its panel figures, read from columns, no document parsed.</summary>
public sealed record ToolCard
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Vendor { get; init; } = "";
    public string Category { get; init; } = "";
    public string Tagline { get; init; } = "";
    public int Ships { get; init; }
    public int Skips { get; init; }
    public int NoTakes { get; init; }
    public double? MeanScore { get; init; }
    public DateTimeOffset? ChangedAt { get; init; }
    public int? PreviousRank { get; init; }
    public int? PreviousPercent { get; init; }

    /// <summary>The lifecycle status (active, deprecated, retired...), from its column.</summary>
    public string Lifecycle { get; init; } = LifecycleStatus.Active;

    /// <summary>The panel figures, rebuilt from the stored counts by the one type that owns their arithmetic.</summary>
    public PanelSummary Panel => new(Ships, Skips, NoTakes, MeanScore);

    public int? ShipPercent => Panel.ShipPercent;

    public Verdict? Verdict => Panel.Verdict;

    public decimal? BadgeScore => Panel.BadgeScore;

    public Verdict? PreviousVerdict => PanelArithmetic.VerdictOfRank(PreviousRank);

    /// <summary>True when this is the tool's first verdict rather than a change.</summary>
    public bool IsNew => PreviousRank is null;
}

public sealed record CardPage(IReadOnlyList<ToolCard> Items, int Page, int PageSize, long Total)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The list queries of the site: category rankings, recent verdicts, named tools. Each is one indexed query.</summary>
public sealed class ToolCards(Db db, ToolNames names)
{
    private const string Select =
        """
        SELECT id AS Id, slug AS Slug, name AS Name, vendor AS Vendor, category AS Category, tagline AS Tagline,
               panel_ships AS Ships, panel_skips AS Skips, panel_no_takes AS NoTakes, panel_mean AS MeanScore,
               panel_changed_at AS ChangedAt, panel_previous_rank AS PreviousRank, panel_previous_percent AS PreviousPercent,
               lifecycle AS Lifecycle
        FROM tools
        """;

    // The same order as ix_tools_category_panel, so a category page reads a slice of one index.
    private string RankOrder => db.IsPostgres
        ? "panel_rank DESC, panel_percent DESC NULLS LAST, panel_mean DESC NULLS LAST, name"
        : "panel_rank DESC, panel_percent DESC, panel_mean DESC, name";

    public async Task<CardPage> RankedInCategoryAsync(string category, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM tools WHERE category = @category", new { category }, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ToolCard>(new CommandDefinition(
            $"{Select} WHERE category = @category ORDER BY {RankOrder} LIMIT @pageSize OFFSET @offset",
            new { category, pageSize, offset = Db.Offset(page, pageSize) }, cancellationToken: cancellationToken));
        return new CardPage(rows.ToList(), page, pageSize, total);
    }

    /// <summary>The best-ranked tools of a category other than the one named (a tool page's alternatives).</summary>
    public async Task<IReadOnlyList<ToolCard>> AlternativesAsync(string category, long exceptId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ToolCard>(new CommandDefinition(
            $"{Select} WHERE category = @category AND id <> @exceptId ORDER BY {RankOrder} LIMIT @limit",
            new { category, exceptId, limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>New and changed panel verdicts, newest first (home page and feed).</summary>
    public async Task<IReadOnlyList<ToolCard>> RecentlyChangedAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ToolCard>(new CommandDefinition(
            $"{Select} WHERE panel_changed_at IS NOT NULL ORDER BY panel_changed_at DESC, id DESC LIMIT @limit",
            new { limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<ToolCard>> BySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        if (slugs.Count == 0)
        {
            return [];
        }

        // References may name a tool by an alias (an old slug after a rename): those find the tool too.
        var resolved = await names.ExactAsync(slugs, cancellationToken);
        return await ByIdsAsync([.. resolved.Values.Select(r => r.Id).Distinct()], cancellationToken);
    }

    public async Task<IReadOnlyList<ToolCard>> ByIdsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ToolCard>(new CommandDefinition(
            $"{Select} WHERE {db.InList("id", "ids")}", new { ids = db.ListValue(ids) }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Tool names for a picker's suggestions, best-ranked first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT name FROM tools WHERE lifecycle <> 'unconfirmed' ORDER BY {RankOrder} LIMIT @limit",
            new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Tool counts per category (category index pages).</summary>
    public async Task<IReadOnlyDictionary<string, (long Tools, long Shipped)>> CategoryCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Category, long Tools, long Shipped)>(new CommandDefinition(
            "SELECT category, count(*), sum(CASE WHEN panel_rank = 2 THEN 1 ELSE 0 END) FROM tools GROUP BY category", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Category, r => (r.Tools, r.Shipped));
    }

    /// <summary>One slice of the catalog in id order, with documents (the sitemap reads each tool's competitors).</summary>
    public async Task<IReadOnlyList<(long Id, string Slug, DateTimeOffset UpdatedAt, string Document)>> SitemapSliceAsync(int slice, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, string, DateTimeOffset, string)>(new CommandDefinition(
            "SELECT id, slug, updated_at, document FROM tools ORDER BY id LIMIT @limit OFFSET @offset",
            new { limit, offset = (long)slice * limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
