using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;
using Shipwise.Data;
using Shipwise.Web;

namespace Shipwise.Panel;

/// <summary>One critic's verdicts in one category: how many tools, how many shipped.</summary>
public sealed record CriticCategoryCount
{
    public string Category { get; init; } = "";
    public int Reviewed { get; init; }
    public int Ships { get; init; }
    public int Skips { get; init; }
    public int NoTakes { get; init; }
}

/// <summary>A tool as a critic page lists it.</summary>
public sealed record CriticVerdictRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Verdict { get; init; } = "";
    public int? Score { get; init; }
}

public sealed class CriticPageModel(CriticCatalog critics, Db db) : PageModel
{
    public const int ListLimit = 200;

    public Critic Critic { get; private set; } = null!;

    public IReadOnlyList<Critic> Others { get; private set; } = [];

    public IReadOnlyList<CriticCategoryCount> Counts { get; private set; } = [];

    public string? Category { get; private set; }

    public IReadOnlyList<CriticVerdictRow> Verdicts { get; private set; } = [];

    public int CategoryTotal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? category, CancellationToken cancellationToken)
    {
        if (critics.Find(slug) is not { } critic)
        {
            var lower = slug.ToLowerInvariant();
            return lower != slug && critics.Find(lower) is not null ? RedirectPermanent($"/critics/{lower}") : NotFound();
        }

        if (category is not null && Taxonomy.FindCategory(category) is null)
        {
            // An unknown filter is a bad link, not a missing critic: show the unfiltered page at its canonical address.
            return Redirect($"/critics/{critic.Slug}");
        }

        Critic = critic;
        Category = category;
        Others = critics.All.Where(c => c.Slug != critic.Slug).OrderBy(c => c.Order).ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        Counts = (await connection.QueryAsync<CriticCategoryCount>(new CommandDefinition(
            $"""
            SELECT t.category AS Category, count(*) AS Reviewed,
                   sum(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) AS Ships,
                   sum(CASE WHEN r.verdict = 'skip' THEN 1 ELSE 0 END) AS Skips,
                   sum(CASE WHEN r.verdict = 'no-take' THEN 1 ELSE 0 END) AS NoTakes
            FROM reviews r JOIN tools t ON t.id = r.tool_id
            WHERE r.critic_slug = @slug AND r.is_current = {Db.True(connection)}
            GROUP BY t.category ORDER BY t.category
            """,
            new { slug = critic.Slug }, cancellationToken: cancellationToken))).ToList();
        if (category is not null)
        {
            CategoryTotal = Counts.FirstOrDefault(c => c.Category == category)?.Reviewed ?? 0;
            Verdicts = (await connection.QueryAsync<CriticVerdictRow>(new CommandDefinition(
                $"""
                SELECT t.slug AS Slug, t.name AS Name, r.verdict AS Verdict, r.score AS Score
                FROM reviews r JOIN tools t ON t.id = r.tool_id
                WHERE r.critic_slug = @slug AND r.is_current = {Db.True(connection)} AND t.category = @category
                ORDER BY CASE r.verdict WHEN 'ship' THEN 0 WHEN 'skip' THEN 1 ELSE 2 END, r.score DESC, t.name
                LIMIT @limit
                """,
                new { slug = critic.Slug, category, limit = ListLimit }, cancellationToken: cancellationToken))).ToList();
        }

        var title = category is null ? $"{critic.Name}: {critic.Subtitle}" : $"{critic.Name} on {SiteText.CategoryName(category).ToLowerInvariant()}";
        ViewData["Meta"] = new PageMeta(title, $"{critic.Name}, a Shipwise critic persona: {critic.Motto}", category is null ? $"/critics/{critic.Slug}" : $"/critics/{critic.Slug}?category={category}");
        return Page();
    }
}
