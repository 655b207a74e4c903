using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Core.Catalog;
using Shipwise.Web;

namespace Shipwise.Community;

/// <summary>A category ranked by readers' pair picks on compare pages (Bradley–Terry), beside the panel's ranking.</summary>
public sealed class CommunityRankingPageModel(CommunityRankings rankings) : PageModel
{
    public CategoryRanking Ranking { get; private set; } = null!;

    public Category Category => Ranking.Category;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (Taxonomy.FindCategory(slug) is not { } category)
        {
            var lower = slug.ToLowerInvariant();
            return lower != slug && Taxonomy.FindCategory(lower) is not null ? RedirectPermanent($"/categories/{lower}/community") : NotFound();
        }

        Ranking = await rankings.ForCategoryAsync(category, cancellationToken);
        ViewData["Meta"] = new PageMeta(
            $"{category.Name}: the community's ranking",
            $"{category.Name} ranked by readers' picks between pairs of tools, with 95 % intervals.",
            $"/categories/{category.Slug}/community");
        return Page();
    }

    /// <summary>"64 %" from a probability.</summary>
    public static string Percent(double chance) =>
        ((int)Math.Round(100 * chance, MidpointRounding.AwayFromZero)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " %";
}
