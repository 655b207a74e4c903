using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Web;

namespace Shipwise.Site;

/// <summary>A category that holds tools, with its best-ranked two (the pair most readers weigh up).</summary>
public sealed record CategoryLead(Category Category, long Tools, long Shipped, IReadOnlyList<ToolCard> Top);

/// <summary>A comparison readers opened, and how many times.</summary>
public sealed record ComparedPair
{
    public string LeftSlug { get; init; } = "";
    public string LeftName { get; init; } = "";
    public string RightSlug { get; init; } = "";
    public string RightName { get; init; } = "";
    public long Views { get; init; }
}

/// <summary>
/// The pairs readers open most. Compare counts the views and implements this; the site asks through
/// it, so Site does not depend on Compare (whose pages use Site's layout, texts and charts).
/// </summary>
public interface IMostComparedPairs
{
    Task<IReadOnlyList<ComparedPair>> MostComparedAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>A comparison worth opening: its two tools in page order, and why it is offered.</summary>
public sealed record SuggestedPair(string LeftSlug, string LeftName, string RightSlug, string RightName, string Why)
{
    public string Path => Core.Compare.ComparePair.Path(LeftSlug, RightSlug);
}

/// <summary>
/// Where to start when the reader has not said what they want: the home page and an empty search
/// both offer the categories that hold tools (never an empty one), their leaders and the most
/// useful comparisons.
/// </summary>
public sealed class SiteSuggestions(ToolCards cards, IMostComparedPairs views)
{
    public const int PairCount = 8;

    public async Task<IReadOnlyList<CategoryLead>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var counts = await cards.CategoryCountsAsync(cancellationToken);
        var leads = new List<CategoryLead>();
        foreach (var category in Taxonomy.Categories)
        {
            if (counts.TryGetValue(category.Slug, out var count) && count.Tools > 0)
            {
                var top = await cards.RankedInCategoryAsync(category.Slug, 1, 2, cancellationToken);
                leads.Add(new CategoryLead(category, count.Tools, count.Shipped, top.Items));
            }
        }

        return leads;
    }

    /// <summary>The pairs readers open most; while there are few, each category's two leaders fill the list.</summary>
    public async Task<IReadOnlyList<SuggestedPair>> ComparisonsAsync(IReadOnlyList<CategoryLead> categories, CancellationToken cancellationToken)
    {
        var pairs = (await views.MostComparedAsync(PairCount, cancellationToken))
            .Select(p => new SuggestedPair(p.LeftSlug, p.LeftName, p.RightSlug, p.RightName, $"{SiteText.Count(p.Views, "view")}"))
            .ToList();
        foreach (var lead in categories.Where(c => c.Top.Count == 2).OrderByDescending(c => c.Tools))
        {
            if (pairs.Count >= PairCount)
            {
                break;
            }

            var (first, second) = Core.Compare.ComparePair.Canonical(lead.Top[0].Slug, lead.Top[1].Slug);
            if (pairs.Any(p => p.LeftSlug == first && p.RightSlug == second))
            {
                continue;
            }

            var byFirst = lead.Top.Single(t => t.Slug == first);
            var bySecond = lead.Top.Single(t => t.Slug == second);
            pairs.Add(new SuggestedPair(first, byFirst.Name, second, bySecond.Name, $"the top two in {lead.Category.Name.ToLowerInvariant()}"));
        }

        return pairs;
    }
}
